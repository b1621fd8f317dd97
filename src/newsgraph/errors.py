"""Coded errors: each says what went wrong and, where it can, what to do.

The code lets a user search for the message and a test assert on the cause, not on wording.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of newsgraph's errors; ``code`` is stable, the message may change."""

    code = "NG000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"


class InputError(NewsgraphError):
    """A source could not be read: missing, empty, binary, too big, refused."""

    code = "NG100"


class ExtractionError(NewsgraphError):
    """A document was read but holds no article text newsgraph can use."""

    code = "NG200"


class DataFileError(NewsgraphError):
    """A lexicon or gazetteer file is malformed."""

    code = "NG300"


class StoreError(NewsgraphError):
    """The store cannot be opened, written or migrated."""

    code = "NG400"


class ConfigError(NewsgraphError):
    """A setting has a bad value or a settings file is missing."""

    code = "NG500"
