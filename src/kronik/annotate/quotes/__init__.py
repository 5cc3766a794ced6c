"""Quotes and who said them (stage ``quotes``).

Reads ``article.paragraphs`` (the clean body: boilerplate is already gone) and,
when the NER stage ran first, ``article.entities``; writes ``article.quotes``.

What counts as a quote
----------------------
* **Direct quotes**: speech in double quote marks (straight ``"`` or curly
  ``“ ”``), one or several sentences, attributed before (``X mengatakan, "..."``,
  ``Menurut X, "..."``, ``He warned: "..."``), inside (``"...," kata X, "..."``)
  or after (``"...," ujar X``, ``"...," said X``, ``"...," she said``), in the next
  sentence (``"...." Demikian disampaikan X``) or not at all (a quote that opens
  a sentence and continues an earlier speaker).
* **Not quotes**: scare quotes and partial fragments embedded in a sentence
  (``sebagai "mencekam"``), nicknames (``Rizky "Kancil" Pratama``), titles of
  films, books, songs, programmes and banners (Title Case, or after a cue word
  such as *film*, *berjudul*, *bertuliskan*), and quoted headlines left over
  from related-story blocks (a paragraph without final punctuation, or an
  inline "Baca juga: ..." teaser).
* **Indirect speech** (``direct=False``), by the real-news annotation guidelines
  (v1.1; ``tests/data/quotes/README.md``): a communication verb with its content,
  ``X mengatakan bahwa ...``, ``X menegaskan, ...``, ``X menyebut inflasi ...`` (no
  *bahwa* or comma, when the content reads as a clause rather than a topic noun
  phrase), ``X meminta agar ...``, ``X menyebut Y sebagai Z``, ``Menurut X(,) ...``;
  a bare-noun source (``pedagang mengaku ...``) is unnamed; in English
  ``X said (that) ...``, ``According to X, ...``, ``..., X said.``  The text is the
  reported content.

Multi-paragraph quotes
----------------------
Newswire convention: a paragraph that opens a quote and does not close it
continues in the next paragraph, which opens with a quote mark again.  We
report **one Quote per paragraph** (each ``text`` is an exact substring of
``paragraphs[paragraph]``, so the UI can always highlight it), all with the
speaker of the chain, wherever in the chain the attribution is.

Speakers
--------
``speaker_text`` is the attribution as written (role included: "juru bicara
Kemenlu, Budi Santoso"; "-nya" / "dia" for pronouns).  ``speaker`` is the
canonical name: the entity's ``canonical`` when ``article.entities`` has an
entity over the mention (or over the mention a pronoun resolves to); else our
own resolver, which strips titles and roles (``kronik.lang.<code>.speakers``),
links a short mention ("Hendra", "Biden") to the longest full name in the
article that contains it, expands acronyms defined in the text ("Kementerian
Luar Negeri (Kemenlu)"), and resolves pronouns and descriptions ("ujarnya",
"kata pria itu", "tulis perusahaan itu", "kata Menhub") to the most recent
sentence topic or speaker.  Unnamed speakers ("seorang warga", "one engineer",
"analysts") get ``speaker=None``.

Language knowledge (verbs, titles, cue words) is data in the language packs
(``get_pack(code).quote`` and ``.names.speakers``, typed, from the ``quote_verbs``
and ``speakers`` modules); no code here branches on the language.

Modules, in the order the passes run: ``lexicon`` (the language's words as
patterns), ``model`` (working data), ``spans``, ``names``, ``mentions``,
``classify``, ``speakers``, ``attribution``, ``indirect``; ``api`` runs them.
"""

from kronik.annotate.quotes.api import annotate_quotes, extract_quotes

__all__ = ["annotate_quotes", "extract_quotes"]
