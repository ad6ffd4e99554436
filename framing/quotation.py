"""Quotation attribution: every quote in a news article, its speaker and its speech verb.

:func:`quotes` returns one row per attribution with character offsets into each
document's ``text``; :func:`extract_quotes` is the pure per-document function behind it;
:func:`speech_verbs` is the versioned verb lexicon (``framing/data/speech_verbs.csv``) that
gives each cue its ``verb_class``.

The method is rule-based (compiled regular expressions and word tables, no model):

1. quote marks are paired into spans, robust to straight/curly and unbalanced marks and to
   quotes that run over several paragraphs (:mod:`framing._quote_marks`);
2. every speech cue outside a quote (a form of the verb lexicon, or "according to") is
   matched in one pass;
3. for each cue the speaker is the noun phrase right before it ("Carter said",
   "Peter Cook, Carter's spokesman, said", "officials have said") or, inverted, right after
   it ("said Carter", "according to officials"); failing both, a short noun phrase opening
   the clause ("Twenty-four percent said", "The ad says “…”");
4. the content is, in order of preference, the quotation that ends right before the
   speaker ("…," Carter said), the quotation right after the cue (X said: "…"), the clause
   after the cue (X said (that) …), or the clause before it (…, X said);
5. quotations no cue claims are attributed by a trailing dash ("…" – X), by a lead
   clause ending in a comma or colon even when its verb is not in the lexicon ("the judge
   interrupted: “…”"), by a headline credit ("Carson: …"), continue the previous speaker
   when they fill a paragraph, or are kept as ``scare`` quotes;
6. speakers are resolved within the article: titles stripped, surnames to full names,
   pronouns to the nearest compatible earlier speaker, "the spokesman" to an earlier
   speaker with that title (:mod:`framing._speakers`).

Kinds: ``direct`` (the content is a quotation), ``indirect`` (no quote marks), ``mixed``
(reported speech holding a quoted fragment), ``partial`` (a short quoted fragment attributed
to a speaker), ``scare`` (a short quoted fragment with no speaker).

The rules run in :mod:`framing._quote_engine`, compiled with mypyc when the package is
built; this module, the documented public API, stays pure Python around it.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ._quote_engine import _lexicon_rows
from ._quote_engine import extract as _extract

__all__ = ["QUOTE_COLUMNS", "extract_quotes", "quotes", "speech_verbs"]

QUOTE_COLUMNS = [
    "doc_id", "quote_id", "kind", "start", "end", "text",
    "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "verb", "verb_start", "verb_end", "verb_class", "sentence", "paragraph",
]

KINDS = ("direct", "indirect", "mixed", "partial", "scare")


# ----------------------------------------------------------------------------- lexicon

def speech_verbs() -> pd.DataFrame:
    """The speech-verb lexicon: one row per surface form, with its class and provenance.

    Columns: ``lemma, form, verb_class, type, complement, rationale, provenance, licence,
    version``.  ``type`` is ``verb`` or ``phrase`` (cue phrases such as "according to");
    ``complement = "that"`` marks cognition/evidence verbs ("think", "show") that attribute
    content only before ``that``, a colon or a quotation.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import framing
    >>> verbs = framing.speech_verbs()
    >>> verbs.set_index("form").loc[["said", "warned", "vowed", "claimed"], "verb_class"].tolist()
    ['neutral', 'warning', 'commitment', 'distancing']
    """
    rows = _lexicon_rows()
    return pd.DataFrame(rows[1:], columns=rows[0])


# ----------------------------------------------------------------------------- extraction

def extract_quotes(
    text: object,
    *,
    segments: Any = None,
    scare_max_words: int = 5,
) -> list[dict]:
    """Find every attribution in one document (the pure per-document function).

    Parameters
    ----------
    text : str
        The document text; every offset returned points into it.
    segments : framing.text.Segments, optional
        The document's segmentation, when already computed (segment once).
    scare_max_words : int, default 5
        An unattributed quotation of at most this many words (not filling its sentence) is
        a ``scare`` quote; a longer one is a ``direct`` quote with an unknown speaker.

    Returns
    -------
    list of dict
        One dict per attribution with the keys of :data:`QUOTE_COLUMNS` except ``doc_id``.

    Examples
    --------
    >>> rows = extract_quotes('“We will win,” Defense Secretary Ashton Carter said.')
    >>> [(r["kind"], r["text"], r["speaker"], r["verb"]) for r in rows]
    [('direct', '“We will win,”', 'Ashton Carter', 'said')]
    """
    # (the engine, framing._quote_engine, is compiled with mypyc; this wrapper keeps the
    # public function documented, as a compiled function loses its docstring, and gives the
    # engine the int it is typed for: numpy integers are accepted, 2.5 words is an error)
    if type(scare_max_words) is not int:
        scare_max_words = _whole_words(scare_max_words)
    return _extract(text, segments, scare_max_words)


def _whole_words(value: object) -> int:
    import numbers

    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return int(value)
    raise ValueError(f"scare_max_words must be a whole number of words, got {value!r}; "
                     "pass e.g. scare_max_words=5.")


# ----------------------------------------------------------------------------- corpus level

def quotes(
    corpus: pd.DataFrame,
    *,
    scare_max_words: int = 5,
    progress: bool = False,
) -> pd.DataFrame:
    """Every attribution in every document of ``corpus``, one row each.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with ``id`` and ``text`` columns (see :func:`framing.read_corpus`).
    scare_max_words : int, default 5
        Longest unattributed quotation still called a ``scare`` quote.
    progress : bool, default False
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`: ``doc_id, quote_id, kind, start, end, text, speaker,
        speaker_mention, speaker_start, speaker_end, verb, verb_start, verb_end, verb_class,
        sentence, paragraph``; offsets are character offsets into each document's ``text``
        (end exclusive).  Documents that fail are listed in ``result.attrs["status"]``.

    Examples
    --------
    >>> import framing
    >>> q = framing.quotes(framing.datasets.load("seed"))
    >>> q.loc[q["kind"] != "scare", ["speaker", "verb", "verb_class"]].head(3).values.tolist()
    [['Ashton Carter', 'says', 'neutral'], ['Ashton Carter', 'said', 'neutral'], ['Jens Stoltenberg', 'said', 'neutral']]

    References
    ----------
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
    Newell, E., Margolin, D., & Ruths, D. (2018). An attribution relations corpus for
    political news. LREC.
    """
    from ._runner import map_documents
    from .corpus import validate_corpus

    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            f"corpus must be a pandas DataFrame with 'id' and 'text' columns; got "
            f"{type(corpus).__name__}. Load one with framing.read_corpus(path)."
        )
    if "id" not in corpus.columns or "text" not in corpus.columns:
        corpus = validate_corpus(corpus)
    if not isinstance(scare_max_words, int) or scare_max_words < 0:
        raise ValueError(
            f"scare_max_words must be a non-negative integer; got {scare_max_words!r}. "
            "Pass e.g. scare_max_words=5."
        )
    docs = zip(corpus["id"].tolist(), corpus["text"].tolist())

    def one(text: object) -> list[dict]:
        return extract_quotes(text, scare_max_words=scare_max_words)

    frame = map_documents(docs, one, what="quotation attribution", columns=QUOTE_COLUMNS,
                          progress=progress, total=len(corpus))
    for col in ("start", "end", "quote_id", "sentence", "paragraph"):
        if len(frame):
            frame[col] = frame[col].astype("int64")
    for col in ("speaker_start", "speaker_end", "verb_start", "verb_end"):
        if len(frame):
            frame[col] = frame[col].astype("Int64")
    return frame
