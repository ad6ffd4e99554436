"""Exception and warning types shared by every module.

Messages follow scikit-learn's pattern: the parameter or input, what was
expected, what was received, and how to fix it.
"""
from __future__ import annotations

__all__ = ["FramingError", "DataError", "ResourceNotFoundError", "FramingWarning"]


class FramingError(Exception):
    """Base class for every error raised by framing."""


class DataError(FramingError, ValueError):
    """The input data is unusable as given (missing column, bad encoding, malformed file).

    The CLI turns it into exit status 1 with a one-line message.
    """


class ResourceNotFoundError(FramingError, LookupError):
    """A named resource (shipped corpus, lexicon, table) does not exist.

    The message lists what is available, as NLTK's ``LookupError`` does.
    """


class FramingWarning(UserWarning):
    """Something was kept but flagged: empty texts, failed documents, small groups."""
