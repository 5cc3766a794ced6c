"""Named entities with canonical names and roles (stage ``entities``).

Reads ``article.paragraphs`` (the clean body; the title is not annotated) and
writes ``article.entities``: one :class:`~kronik.model.Entity` per mention,
``paragraph`` its index, ``start``/``end`` character offsets into that
paragraph (``paragraphs[paragraph][start:end] == text`` always holds).

Steps
-----
1. **Tokens with offsets** (:func:`tokenize`): words with inner hyphens and
   apostrophes ("al-Qassam", "Moody's", "PDI-P"), numbers, web names
   ("Kompas.com"), abbreviations with their dot ("Prof.", "dr.", "H."),
   initials ("S.H."), the dateline date "(22/4)" and a parenthesised acronym
   "(BEI)" as one token each (the training data writes them that way),
   everything else one character per token.  Quote marks are dropped before
   tagging (the training sentences have none); sentences are the one
   splitter's (``kronik.lang.sentences``, shared with quotes and summaries),
   as token ranges.
2. **Tagging**: the CRF of :mod:`kronik.annotate.ner_tagger`, one model per
   language pack (Indonesian: the shared Indonesian sets; English: CoNLL-2003),
   labels PER, ORG, LOC (the English model's MISC is dropped: no contract type).
3. **Clean-up**: "Bursa Efek Indonesia (BEI)" becomes two mentions (the name
   and the acronym, one canonical); titles, honorifics and ranks at the front
   of a person ("Wapres Boediono") leave the name; academic degrees at the end
   ("SH") too.
4. **Roles** of persons: the title phrase before the name ("Presiden AS Joe
   Biden", "juru bicara Kremlin Dmitry Peskov", "Menko Polhukam, Djoko
   Suyanto"), else an apposition after it ("Joe Biden, Presiden AS, ...").
   The lexicon is language data (``kronik.lang.<code>.titles``).
5. **Canonical names** within the article: one label per surface form
   (majority), a short person mention ("Biden", "Zulkifli") joins the full name
   it is the last or first word of ("Joe Biden"; the nearest earlier one when
   several fit); an acronym defined in parentheses joins its long form;
   "Golkar" joins "Partai Golkar".  Across the corpus, the alias table
   (``kronik.lang.id.aliases``) maps spelling variants, exonyms, acronyms and
   nicknames to one name (Moskow/Moscow -> Moskwa, AS/USA -> Amerika Serikat,
   Jokowi -> Joko Widodo).

Languages without a trained tagger (the pack's ``ner`` is ``capitalised``; none shipped today): runs of
capitalised words (not sentence-initial function words, months or weekdays)
become entities, PER after a title or honorific, ORG with an organisation word
("Ministry", "Inc"), the alias table's label when it knows the name, else
``MISC``.  Other languages get no entities.

Between steps 3 and 4, ``context`` takes the decisions the tagger cannot make from its
window, from a name's head and the article around it (real-news error classes, issue 13):
types from heads ("Pengadilan", "Kecamatan"), runs of two names split, initials of suspects
as persons, outlet names (even glued to a word), products, generic acronyms and
context-checked aliases ("KL") dropped, "X RI", field lists inside a name, an organisation
and the person after it in a role.

Modules: ``tokens`` (step 1), ``mentions`` (step 2), ``roles`` (steps 3-4), ``context``,
``canonical`` (step 5), ``lexicon`` (the language data they read), ``api``.
"""

from kronik.annotate.entities.api import annotate_entities, find_entities
from kronik.annotate.entities.canonical import canonicalize
from kronik.annotate.entities.lexicon import TitleLexicon, title_lexicon
from kronik.annotate.entities.mentions import Mention, alias_pass
from kronik.annotate.entities.tokens import Token, sentences, tokenize
from kronik.annotate.names import AliasIndex, alias_index

__all__ = ["AliasIndex", "Mention", "TitleLexicon", "Token", "alias_index", "alias_pass", "annotate_entities", "canonicalize", "find_entities", "sentences", "title_lexicon", "tokenize"]
