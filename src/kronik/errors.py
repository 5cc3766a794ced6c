"""Kronik's exception hierarchy.

    KronikError
    +-- InputError            a file or record cannot be turned into an article (reported per file)
    |   +-- EmptyInput
    |   +-- BinaryInput
    |   +-- DecodeFailure
    |   +-- TooLarge
    |   +-- TruncatedInput
    |   +-- MalformedRecord
    |   +-- Unreadable        the system refused to list or read it (permissions, I/O error, vanished)
    |   +-- SpecialFile       a FIFO, socket or device: never opened for reading, so it cannot hang a batch
    |   +-- SymlinkLoop       links that lead back to themselves or to a folder being walked
    |   +-- DanglingLink      a link whose target does not exist
    |   +-- Unsupported       a file type Kronik does not read (PDF, Word, images, archives...)
    +-- RequestError          a request the API or CLI refuses (bad parameter, over a limit)
    |   +-- QueryTooLarge     a search query over the length or term limit
    |   +-- UploadTooLarge    an upload over the server's size limit
    +-- NotFound              no such story, event, article, entity or job
    +-- OverBudget            a request ran past its time budget and was stopped
    +-- StageError            a pipeline stage failed on one article
    +-- StoreError            the database refused a write
        +-- StoreMissing      no store at that path (read commands never create one)
        +-- StoreCorrupt      the file is not a (healthy) SQLite database
        +-- StoreFull         the disk or database is full

Readers raise ``InputError`` subclasses; the pipeline catches them per file and
turns them into ``Problem`` records so a batch never stops on one bad file.

Each class carries its HTTP status and its CLI exit code (``http_status``,
``exit_code``): the API's exception handler and the CLI's ``main`` read them, so
the mapping lives here and nowhere else.  Exit codes: 1 unexpected, 2 bad input
or usage, 3 store unavailable or damaged, 4 disk full.
"""

from __future__ import annotations


class KronikError(Exception):
    """Base class of every error Kronik raises on purpose."""

    http_status = 500
    exit_code = 1


class InputError(KronikError):
    reason = "unreadable"
    http_status = 400
    exit_code = 2

    def __init__(self, source: str, detail: str = "") -> None:
        super().__init__(f"{source}: {self.reason}{': ' + detail if detail else ''}")
        self.source = source
        self.detail = detail


class EmptyInput(InputError):
    reason = "empty"


class BinaryInput(InputError):
    reason = "binary"


class DecodeFailure(InputError):
    reason = "undecodable"


class TooLarge(InputError):
    reason = "too-large"


class TruncatedInput(InputError):
    reason = "truncated"


class MalformedRecord(InputError):
    reason = "malformed"


class Unreadable(InputError):
    reason = "unreadable"


class SpecialFile(InputError):
    reason = "special-file"


class SymlinkLoop(InputError):
    reason = "symlink-loop"


class DanglingLink(InputError):
    reason = "dangling-link"


class Unsupported(InputError):
    reason = "unsupported"


RUN_FAILURES = frozenset({"stage-failed", "extraction-failed"})
"""Problem reasons that describe this run (a stage or the extractor raised: a bug, or a configuration the
library was given, such as an outlets file, that broke), not the input's bytes.

A document that ends in one of them is not recorded as done in the store, so the next run tries it
again; problems that are properties of the bytes (empty, binary, malformed, no article text...) are
recorded, since reading the same bytes again would give the same answer."""


class StageError(KronikError):
    def __init__(self, stage: str, article_id: str, detail: str) -> None:
        super().__init__(f"stage {stage!r} failed on {article_id}: {detail}")
        self.stage = stage
        self.article_id = article_id
        self.detail = detail


class RequestError(KronikError):
    """A request refused as it stands (a parameter out of range, a limit exceeded): the caller can fix it."""

    http_status = 400
    exit_code = 2


class QueryTooLarge(RequestError):
    """A search query longer than ``MAX_QUERY_CHARS`` or with more than ``MAX_QUERY_TERMS`` terms."""

    http_status = 400


class UploadTooLarge(RequestError):
    """The request's files together exceed the server's upload limit."""

    http_status = 413


class NotFound(KronikError):
    """No such story, event, article, entity or job."""

    http_status = 404
    exit_code = 2


class OverBudget(KronikError):
    """A request ran past its time budget; its database work was interrupted (try a narrower query)."""

    http_status = 503
    exit_code = 1


class StoreError(KronikError):
    """The store could not complete a write; the transaction was rolled back."""

    http_status = 503
    exit_code = 3


class StoreMissing(StoreError):
    """No database at the path given (reading commands and the server never create an empty one)."""


class StoreCorrupt(StoreError):
    """The file is not a SQLite database, or SQLite found it damaged."""


class StoreFull(StoreError):
    """The disk (or the database's size limit) is full: nothing of the batch was written."""

    http_status = 507
    exit_code = 4


_FULL = ("database or disk is full", "no space left on device", "disk full")
_CORRUPT = ("file is not a database", "database disk image is malformed", "malformed database schema",
            "file is encrypted or is not a database")


def translate(exc: BaseException, what: str = "") -> KronikError | None:
    """Kronik's error for an exception from below: a :class:`KronikError` as it is; a database error
    or a full disk as the matching :class:`StoreError`; None for anything else (a bug: the caller
    reports it as unexpected).  Both boundaries (the API's handler, the CLI's ``main``) and the store
    call this, so a full disk means the same thing wherever it happens."""
    plain_store_error = type(exc) is StoreError  # raised below with the driver's message: say what it was
    if isinstance(exc, KronikError) and not plain_store_error:
        return exc
    prefix = f"{what}: " if what else ""
    message = str(getattr(exc, "orig", None) or exc)
    low = message.lower()
    if (isinstance(exc, OSError) and exc.errno == 28) or any(m in low for m in _FULL):
        return StoreFull(f"{prefix}the disk is full ({message}); nothing of this batch was written")
    if not (plain_store_error or _is_database_error(exc)):
        return None
    if low.strip() == "interrupted":  # SQLite's answer to the time budget's progress handler
        return OverBudget(f"{prefix}the request ran past its time budget and was stopped; try a narrower query")
    if any(m in low for m in _CORRUPT):
        return StoreCorrupt(f"{prefix}the database file is damaged ({message}): restore it from a backup "
                            "or build it again with `kronik ingest`")
    return exc if isinstance(exc, StoreError) else StoreError(f"{prefix}{message}")


def _is_database_error(exc: BaseException) -> bool:
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    return isinstance(exc, SQLAlchemyError | sqlite3.DatabaseError)
