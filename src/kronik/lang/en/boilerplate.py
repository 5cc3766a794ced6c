"""Web boilerplate of English-language news pages, as patterns (see lang/id/boilerplate.py)."""

from kronik.lang.base import BoilerplateRule as R

RULES: tuple[R, ...] = (
    R("read-also", "line", r"^(read more|read also|related|see also|more on this|recommended|also read|read next|watch)\s*[:：\-–—|»>]+\s*\S"),
    R("read-also", "lead-in", r"^(read more|related|see also|also read|read next)\s*[:：»>]*\s*$"),
    R("advertisement", "line", r"^(story continues below( advertisement)?|continue reading( below)?|skip (to|past) .{0,40}|sponsored content|promoted|paid content)\W*$"),
    R("share", "line", r"^(share (this|on|via)\b.{0,40}|copy (the )?link|link copied|save (article|for later)|gift (this )?article|print this( article)?)\W*$"),
    R("subscription", "line", r"\b(sign up for|subscribe (to|now|today)|get (our|the) (newsletter|app)|download (our|the) app|follow us on|already a subscriber|become a member)\b"),
    R("login", "line", r"^(sign in|log in|create (an|a free) account|register now)\b.{0,60}$"),
    R("caption", "line", r"\((photo|image|picture|file photo|credit)\b[^)]*\)\s*\W*$"),
    R("caption", "line", r"^(photo|image|picture|credit|file photo)\s*[:：]\s*.{0,200}$"),
    R("caption", "line", r"\b(reuters|afp|ap|getty images|epa|bloomberg)\s*/\s*[\w .'-]{2,40}\W*$"),
    R("related-headlines", "related", r"^(more from .{1,40}|most read|most viewed|top stories|latest stories|related (stories|articles|coverage|content)|recommended (stories|for you|reading)|you may also like|what to read next|editor'?s picks|more stories|trending now|in other news|around the web)\W*$"),
    R("comments", "comments", r"^(\d+\s+)?(comments?|responses?)(\s*\(\d+\))?\W*$|^(join|view|show|read) (the )?(\d+ )?(comments?|conversation|discussion)\b.{0,40}$|^(leave a (comment|reply)|post a comment)\b"),
    R("editor-credit", "line", r"^\(?\s*(reporting by|editing by|additional reporting by|writing by|compiled by|reporting and writing by)\b.{0,300}$"),
    # a bracketed credit opens the line: whatever the page glued after it (its promotions) is not body either
    R("editor-credit", "line", r"^\(\s*(reporting by|editing by|additional reporting by|writing by|compiled by|reporting and writing by)\b[^()]{0,600}\)"),
    # Wire footers: Reuters' trust-principles line, and a credit the wire appends after the story.
    R("copyright", "line", r"^(our standards\s*:\s*)?the thomson reuters trust principles\W*$|^our standards\s*:.{0,80}$"),
    R("copyright", "line", r"^(copyright|©)\s*(\d{4}\s*)?(the associated press|reuters|agence france-presse|afp|bloomberg)\b.{0,120}$"),
)

# A sentence opening with these announces the list that follows it (see lang/id/boilerplate.py).
LIST_OPENERS: tuple[str, ...] = ("here are", "here is", "these are", "the following")
# Words of a prompt addressing the reader (see lang/id/boilerplate.py).
CALL_TO_ACTION: tuple[str, ...] = (
    "sign up", "subscribe", "get", "download", "follow", "join", "click", "tap", "register", "become", "already",
    "install", "try",
)
