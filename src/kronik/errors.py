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
    +-- StageError            a pipeline stage failed on one article
    +-- StoreError            the database refused a write

Readers raise ``InputError`` subclasses; the pipeline catches them per file and
turns them into ``Problem`` records so a batch never stops on one bad file.  The
CLI maps the rest to exit codes.
"""

from __future__ import annotations


class KronikError(Exception):
    """Base class of every error Kronik raises on purpose."""


class InputError(KronikError):
    reason = "unreadable"

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


class StoreError(KronikError):
    """The store could not complete a write; the transaction was rolled back."""
