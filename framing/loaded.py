"""Loaded terms: pejorative labels, distancing, emotive wording and loaded speech verbs,
split into the reporter's own voice and the voices the reporter quotes.

* :func:`loaded_terms` — one row per match, with the voice (``reporter`` or ``quoted``)
  and, for quoted terms, the speaker from quotation attribution;
* :func:`loaded_rates` — rates per 1,000 tokens by category and voice, per document or
  per outlet (or any corpus column);
* :func:`label_choice` — which names each outlet uses for the same actor ("ISIS", "ISIL",
  "Daesh"; "rebels", "terrorists"), with counts and shares;
* :func:`find_loaded` — the pure per-document function behind them.

A term inside the content span of a direct, mixed or partial quote is ``quoted`` and
carries that quote's speaker; everything else, including the paraphrase of an *indirect*
quote (whose wording is the reporter's: "Carter said the coalition is purportedly
targeting Daesh"), is ``reporter`` (``indirect_voice="quoted"`` changes that).  A short
quoted fragment with no speaker (a *scare quote*, ``kind == "scare"`` in the quotes table) is itself a ``scare_quote``
match in the reporter's voice; a one-word partial quote that has a speaker is a quote,
not a scare quote.

Loaded speech verbs (``loaded_verb``) are the *cue verbs* of attributions: a quote whose
``verb_class`` is not neutral and is one of the lexicon's loaded verb classes (default
``distancing`` and ``emotive``: "claimed", "slammed") gives a ``loaded_verb`` row at its
``verb_start``/``verb_end``, in the reporter's voice (the reporter chose the verb) with
the quote's speaker.  "The war has claimed the lives of 470,000 people" is not speech and
gives none.  Only without quote information (``quotes=False``, or ``quote_rows=None`` in
:func:`find_loaded`) are verbs matched freely from the lexicon, wherever they occur and
without a speaker.

The per-document rules run in :mod:`framing._loaded_engine`, compiled with mypyc when the
package is built; this module, the documented public API, stays pure Python around it.

References
----------
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm.
*Journal of Communication* 43(4), 51-58.
Recasens, M., Danescu-Niculescu-Mizil, C., & Jurafsky, D. (2013). Linguistic models for
analyzing and detecting biased language. *ACL 2013*.
Spinde, T. et al. (2021). Neural media bias detection using distant supervision with
BABE. *Findings of EMNLP 2021*.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DataError, ResourceNotFoundError
from ._loaded_engine import find as _find
from ._loaded_engine import resolve_lexicon as _resolve
from ._runner import map_documents
from .lexicons import CATEGORIES, Lexicon
from .text import segment, token_spans

__all__ = ["loaded_terms", "loaded_rates", "label_choice", "find_loaded", "load_actors",
           "LOADED_COLUMNS"]

LOADED_COLUMNS = [
    "doc_id", "start", "end", "term", "entry", "category", "lexicon", "voice", "speaker",
    "sentence", "phrase_start", "phrase_end",
]
VOICES = ("reporter", "quoted")


# ----------------------------------------------------------------------------- per document

def find_loaded(
    text: str,
    *,
    segments=None,
    quote_rows: list[dict] | None = None,
    lexicon: Any = None,
    indirect_voice: str = "reporter",
    extent: str = "word",
) -> list[dict]:
    """Loaded terms in one document, as row dicts (the columns of :func:`loaded_terms`
    without ``doc_id``).

    Parameters
    ----------
    text : str
    segments : framing.text.Segments, optional
        The document's segmentation (computed, sentences only, when omitted).
    quote_rows : list of dict, optional
        Quotes of this document (``framing.quotation.extract_quotes`` rows, or any dicts
        with ``kind``, ``start``, ``end``, ``speaker`` and, for loaded verbs,
        ``verb_start``, ``verb_end``, ``verb_class``).  Loaded speech verbs then come only
        from the quotes' cue verbs (see the module docstring): a non-neutral
        ``verb_class`` that is a ``loaded_verb`` class of the lexicon, speaker = the
        quote's speaker, voice ``reporter``.  ``None``: no quote information; every term
        is in the reporter's voice, there are no scare quotes, and ``loaded_verb`` entries
        are matched freely in the text (a fallback that also finds non-speech uses such as
        "claimed the lives").
    lexicon : Lexicon, name, path or None
        Default: the default shipped lexicons.
    indirect_voice : {"reporter", "quoted"}
        Voice of terms inside an *indirect* (paraphrased, unquoted) attribution.  The
        reporter chooses the words of a paraphrase, so by default they are the reporter's;
        terms inside direct, mixed and partial quotes are always ``quoted``.
    extent : {"word", "phrase"}
        What ``start``/``end`` (and ``term``) cover.  Every row carries both spans:
        ``phrase_start``/``phrase_end`` is the *phrase extent* of the match: the term
        grown left over one to three determiners and intensifiers ("this madness", "truly
        crazy") and, for a ``label`` or ``emotive`` match, over one lower-case modifier
        before it ("habitual liar"), up to two content words after it and an "of" phrase
        ("smear campaign", "travesty of justice").  It is a heuristic without a
        part-of-speech tagger, meant for comparison with span annotations that mark whole
        phrases (PTC, BASIL); :func:`framing.evaluate.evaluate_loaded` scores it against
        span gold and the term span against word gold.  ``"word"`` (default): ``start``/
        ``end`` are the lexicon entry's span; ``"phrase"``: they are the phrase extent.

    Returns
    -------
    list of dict

    Examples
    --------
    >>> rows = find_loaded('The regime "liberated" the town, he said.',
    ...                    quote_rows=[{"kind": "scare", "start": 12, "end": 21,
    ...                                 "speaker": None}])
    >>> [(r["term"], r["category"], r["voice"]) for r in rows]
    [('regime', 'label', 'reporter'), ('liberated', 'scare_quote', 'reporter')]
    """
    # (the engine, framing._loaded_engine, is compiled with mypyc; this wrapper keeps the
    # public function documented, as a compiled function loses its docstring)
    return _find(text, segments, quote_rows, lexicon, indirect_voice, extent)


# ----------------------------------------------------------------------------- corpus level

def _quote_func():
    from .quotation import extract_quotes

    return extract_quotes


def _group_quotes(quotes: pd.DataFrame) -> dict[Any, list[dict]]:
    need = {"doc_id", "kind", "start", "end"}
    missing = need - set(quotes.columns)
    if missing:
        raise DataError(
            f"quotes is missing column(s) {sorted(missing)}; pass the table returned by "
            "framing.quotes(corpus), or quotes=None to compute it.")
    cols = ["kind", "start", "end"] + [
        c for c in ("speaker", "verb_start", "verb_end", "verb_class") if c in quotes.columns]
    out: dict[Any, list[dict]] = {}
    sub = quotes[["doc_id", *cols]]
    for rec in sub.to_dict("records"):
        did = rec.pop("doc_id")
        for c in ("speaker", "verb_class"):
            if c in rec and not isinstance(rec[c], str):
                rec[c] = None
        for c in ("verb_start", "verb_end"):
            if c in rec and (rec[c] is None or pd.isna(rec[c])):
                rec[c] = None
        out.setdefault(did, []).append(rec)
    return out


def loaded_terms(
    corpus: pd.DataFrame,
    *,
    lexicon: Any = None,
    quotes: pd.DataFrame | None | bool = None,
    indirect_voice: str = "reporter",
    extent: str = "word",
    progress: bool = False,
) -> pd.DataFrame:
    """Find loaded terms in every document, split by reporter and quoted voice.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (``id``, ``outlet``, ``text``; see :func:`framing.read_corpus`).
    lexicon : Lexicon, name, path, DataFrame or None
        The lexicon to match (see :func:`framing.load_lexicon`); default: the shipped
        default lexicons.
    quotes : DataFrame, None or False
        The quotes table (:func:`framing.quotes`) for the voice split and scare quotes.
        ``None`` (default): computed per document with
        :func:`framing.quotation.extract_quotes`, sharing one segmentation per document.
        Loaded speech verbs are the quotes' loaded cue verbs (with the quote's speaker);
        a document without rows in a given table has no loaded verbs.
        ``False``: no quotes, every term is in the reporter's voice, and ``loaded_verb``
        entries are matched freely in the text, without a speaker (this also finds
        non-speech uses: "claimed the lives").
    indirect_voice : {"reporter", "quoted"}
        Voice of terms inside an *indirect* attribution (a paraphrase without quote
        marks: "Carter said the coalition is purportedly targeting Daesh").  Default
        ``"reporter"``: the reporter chose the paraphrase's words, so its loaded terms are
        the reporter's, with no speaker.  ``"quoted"``: the literal rule, every
        attributed content span is the speaker's voice.  Terms inside direct, mixed and
        partial quotes (the quoted words themselves, e.g. a one-word partial quote) are
        always ``quoted`` and carry the quote's speaker.
    extent : {"word", "phrase"}
        Span of a match: the lexicon entry, or the phrase around it; see
        :func:`find_loaded`.
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        One row per match: ``doc_id, start, end, term, entry, category, lexicon, voice,
        speaker, sentence, phrase_start, phrase_end`` (``start``/``end`` are offsets into
        the document's ``text``, ``sentence`` the index of the sentence in
        :func:`framing.text.segment`, ``phrase_start``/``phrase_end`` the phrase extent,
        see :func:`find_loaded`).  Token
        counts per document are kept in ``result.attrs["n_tokens"]`` for
        :func:`loaded_rates`.

    Examples
    --------
    >>> import framing
    >>> terms = framing.loaded_terms(framing.datasets.load("seed"))
    >>> terms.loc[terms["term"] == "Takfiri", ["category", "voice"]].values.tolist()
    [['label', 'reporter']]
    >>> terms.loc[terms["term"] == "aggressor", ["voice", "speaker"]].values.tolist()[0][0]
    'quoted'
    """
    if indirect_voice not in ("reporter", "quoted"):
        raise ValueError(f"indirect_voice must be 'reporter' or 'quoted'; got {indirect_voice!r}.")
    lex = _resolve(lexicon)
    ids = corpus["id"].tolist()
    texts = corpus["text"].tolist()
    n_tokens: dict[Any, int] = {}
    if quotes is None:
        extract = _quote_func()

        def func(item):
            did, text = item
            seg = segment(text)
            n_tokens[did] = len(seg.tokens or ())
            q = extract(text, segments=seg)
            return find_loaded(text, segments=seg, quote_rows=q, lexicon=lex,
                               indirect_voice=indirect_voice, extent=extent)
    else:
        by_doc = None if quotes is False else _group_quotes(quotes)

        def func(item):
            did, text = item
            seg = segment(text)
            n_tokens[did] = len(seg.tokens or ())
            # a document without rows in a quotes table has no quotes (and no loaded
            # verbs); quotes=False: no quote information, verbs matched freely
            q = None if by_doc is None else by_doc.get(did, [])
            return find_loaded(text, segments=seg, quote_rows=q, lexicon=lex,
                               indirect_voice=indirect_voice, extent=extent)

    # the payload is (doc_id, text): map_documents passes it to func unchanged
    docs: Iterable[tuple[Any, Any]] = (
        (d, (d, t if isinstance(t, str) else "")) for d, t in zip(ids, texts))
    frame = map_documents(docs, func, what="loaded terms", columns=LOADED_COLUMNS,
                          progress=progress, total=len(ids))
    frame.attrs["n_tokens"] = n_tokens
    return frame


def loaded_rates(
    corpus_or_terms: pd.DataFrame,
    *,
    corpus: pd.DataFrame | None = None,
    by: str | list[str] = "doc_id",
    lexicon: Any = None,
    quotes: pd.DataFrame | None | bool = None,
    per: int = 1000,
) -> pd.DataFrame:
    """Loaded terms per ``per`` (1,000) tokens by category and voice, per document or group.

    Parameters
    ----------
    corpus_or_terms : DataFrame
        A corpus (terms are found with :func:`loaded_terms`), or a table returned by
        :func:`loaded_terms` (then pass ``corpus=`` unless ``by="doc_id"`` and the table
        still carries its token counts).
    corpus : DataFrame, optional
        The corpus behind a terms table, for token counts and group columns.
    by : str or list of str, default "doc_id"
        ``"doc_id"`` or corpus column(s) such as ``"outlet"`` or ``["event", "outlet"]``.
    lexicon, quotes
        Passed to :func:`loaded_terms` when a corpus is given.
    per : int, default 1000

    Returns
    -------
    pandas.DataFrame
        Tidy: the ``by`` columns, ``category`` (each category and ``"all"``), ``voice``
        (``reporter``, ``quoted``, ``all``), ``n``, ``n_tokens``, ``rate``.  Every
        combination is present, with zeros.

    Examples
    --------
    >>> import framing
    >>> rates = framing.loaded_rates(framing.datasets.load("seed"), by="outlet")
    >>> row = rates[(rates["category"] == "all") & (rates["voice"] == "all")]
    >>> bool(row["rate"].iloc[0] > 0)
    True
    """
    if not isinstance(per, (int, float)) or per <= 0:
        raise ValueError(f"per must be a positive number of tokens; got {per!r}.")
    keys = [by] if isinstance(by, str) else list(by)
    if "text" in corpus_or_terms.columns:
        corpus = corpus_or_terms
        terms = loaded_terms(corpus, lexicon=lexicon, quotes=quotes)
    else:
        terms = corpus_or_terms
        missing = {"doc_id", "category", "voice"} - set(terms.columns)
        if missing:
            raise DataError(
                f"loaded_rates: expected a corpus (with 'text') or a loaded_terms table; the "
                f"table lacks {sorted(missing)}.")
    n_tok = terms.attrs.get("n_tokens") if corpus is None else None
    if corpus is None:
        if keys != ["doc_id"] or not n_tok:
            raise DataError(
                "loaded_rates needs the corpus to count tokens and find group columns: pass "
                "corpus=your_corpus along with the loaded_terms table.")
        docs = pd.DataFrame({"doc_id": list(n_tok), "n_tokens": list(n_tok.values())})
    else:
        bad = [k for k in keys if k != "doc_id" and k not in corpus.columns]
        if bad:
            raise DataError(
                f"by={by!r}: column(s) {bad} are not in the corpus (columns: "
                f"{list(corpus.columns)}). Use 'doc_id' or a corpus column such as 'outlet'.")
        cached = terms.attrs.get("n_tokens") or {}
        ids = corpus["id"].tolist()
        counts = [cached[i] if i in cached else len(token_spans(t if isinstance(t, str) else ""))
                  for i, t in zip(ids, corpus["text"].tolist())]
        docs = pd.DataFrame({"doc_id": ids, "n_tokens": counts})
        for k in keys:
            if k != "doc_id":
                docs[k] = corpus[k].to_numpy()
    tok = docs.groupby(keys, dropna=False, sort=True)["n_tokens"].sum()
    t = terms[["doc_id", "category", "voice"]]
    if keys != ["doc_id"]:
        t = t.merge(docs[["doc_id", *[k for k in keys if k != "doc_id"]]], on="doc_id",
                    how="left")
    cats = list(CATEGORIES) + sorted(set(t["category"].dropna()) - set(CATEGORIES))
    n_by_key: dict[Any, int] = {}
    for key, n in t.groupby([*keys, "category", "voice"], dropna=False).size().items():
        n_by_key[key] = int(n)
    rows = []
    for gkey, ntoks in tok.items():
        g = gkey if isinstance(gkey, tuple) else (gkey,)
        sub = {}
        for c in cats:
            for v in VOICES:
                sub[(c, v)] = n_by_key.get((*g, c, v), 0)
        for c in [*cats, "all"]:
            for v in [*VOICES, "all"]:
                n = sum(sub[(cc, vv)] for cc in (cats if c == "all" else [c])
                        for vv in (VOICES if v == "all" else [v]))
                rows.append((*g, c, v, n, int(ntoks),
                             per * n / ntoks if ntoks else np.nan))
    return pd.DataFrame(rows, columns=[*keys, "category", "voice", "n", "n_tokens", "rate"])


# ----------------------------------------------------------------------------- label choice

@lru_cache(maxsize=None)
def _shipped_actor_names() -> tuple[str, ...]:
    d = resources.files("framing.data").joinpath("actors")
    return tuple(sorted(p.name.rsplit(".", 1)[0] for p in d.iterdir()
                        if p.name.endswith((".yaml", ".yml"))))


def load_actors(actors: Any = "syria") -> pd.DataFrame:
    """An actor label set as a table: ``actor, label, form, match, connotation, provenance``.

    Parameters
    ----------
    actors : str, path or dict
        The name of a shipped set (``syria``, ``iran``, ``us-election-2016``), a path to
        your own YAML file (read with ``yaml.safe_load``), or the same structure as a dict::

            name: my-set
            version: "1"
            actors:
              islamic-state:
                labels:
                  - label: ISIS
                    forms: [ISIS]          # surface forms; default: the label itself
                    match: case            # inflect (default) | exact | case
                    connotation: ...
                    provenance: ...

    Examples
    --------
    >>> import framing.loaded as fl
    >>> t = fl.load_actors("syria")
    >>> "Daesh" in t.loc[t["actor"] == "islamic-state", "label"].tolist()
    True
    """
    data, origin = _read_actor_source(actors)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), dict) or not data["actors"]:
        raise DataError(f"{origin}: expected a mapping with a non-empty 'actors' mapping "
                        "(actor -> {labels: [...]}).")
    meta_prov = str(data.get("provenance", origin))
    rows = []
    for actor, spec in data["actors"].items():
        labels = spec.get("labels") if isinstance(spec, dict) else spec
        if not isinstance(labels, list) or not labels:
            raise DataError(f"{origin}: actor {actor!r} needs a non-empty 'labels' list.")
        for lab in labels:
            if isinstance(lab, str):
                lab = {"label": lab}
            if not isinstance(lab, dict) or not lab.get("label"):
                raise DataError(f"{origin}: actor {actor!r}: each label needs a 'label' "
                                f"key; got {lab!r}.")
            forms = lab.get("forms") or [lab["label"]]
            if isinstance(forms, str):
                forms = [forms]
            for form in forms:
                form = str(form)
                match = lab.get("match") or (
                    "case" if len(form) <= 5 and form.isupper() else "inflect")
                rows.append({"actor": str(actor), "label": str(lab["label"]), "form": form,
                             "match": match, "connotation": str(lab.get("connotation", "")),
                             "provenance": str(lab.get("provenance", meta_prov))})
    return pd.DataFrame(rows, columns=["actor", "label", "form", "match", "connotation",
                                       "provenance"])


def _read_actor_source(actors: Any) -> tuple[Any, str]:
    import yaml

    if isinstance(actors, dict):
        return actors, "the actors dict"
    if not isinstance(actors, (str, os.PathLike)):
        raise TypeError(f"actors must be a shipped set name, a path or a dict; got "
                        f"{type(actors).__name__}.")
    s = str(actors)
    if not isinstance(actors, os.PathLike) and s in _shipped_actor_names():
        res = resources.files("framing.data").joinpath("actors").joinpath(f"{s}.yaml")
        text, origin = res.read_text(encoding="utf-8"), f"framing/data/actors/{s}.yaml"
    else:
        p = Path(s)
        if not p.exists():
            raise ResourceNotFoundError(
                f"no shipped actor set named {s!r} and no such file. Available: "
                f"{', '.join(_shipped_actor_names())}; or pass a path to your own YAML file.")
        text, origin = p.read_text(encoding="utf-8"), str(p)
    try:
        return yaml.safe_load(text), origin
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise DataError(f"{origin}, line {line}: invalid YAML: {exc.problem}") from None


def label_choice(
    corpus: pd.DataFrame,
    *,
    actors: Any = "syria",
    by: str | list[str] = "outlet",
) -> pd.DataFrame:
    """Which names each outlet uses for each actor: counts and shares.

    Parameters
    ----------
    corpus : DataFrame
    actors : str, path or dict, default "syria"
        An actor label set (see :func:`load_actors`).
    by : str or list of str, default "outlet"
        Corpus column(s) to compare.

    Returns
    -------
    pandas.DataFrame
        ``<by>, actor, label, n, share, n_docs, connotation``: ``n`` mentions with this
        label, ``share`` = ``n`` over all labelled mentions of the actor in the group (NaN
        when the group never names the actor), ``n_docs`` documents using the label.
        Every group x label combination is present.

    Examples
    --------
    >>> import framing
    >>> lc = framing.label_choice(framing.datasets.load("seed"), actors="syria")
    >>> lc.loc[lc["actor"] == "islamic-state", ["label", "n"]].head(5).values.tolist()
    [['ISIS', 0], ['ISIL', 0], ['Islamic State', 0], ['IS', 0], ['Daesh', 1]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    bad = [k for k in keys if k not in corpus.columns and k != "doc_id"]
    if bad:
        raise DataError(f"by={by!r}: column(s) {bad} are not in the corpus (columns: "
                        f"{list(corpus.columns)}).")
    table = load_actors(actors)
    ent = pd.DataFrame({
        "entry": table["label"], "category": table["actor"],
        "rationale": table["connotation"], "provenance": table["provenance"],
        "licence": "", "match": table["match"], "subcategory": "",
        "lexicon": "actors", "pattern": table["form"],
    })
    lex = Lexicon(ent, name="actors")
    comp, info = lex.compiled()
    gcols = corpus["id"].to_frame("doc_id") if keys == ["doc_id"] else corpus[keys]
    groups = list(gcols.itertuples(index=False, name=None))
    counts: dict[tuple, int] = {}
    docs: dict[tuple, int] = {}
    for g, text in zip(groups, corpus["text"].tolist()):
        if not isinstance(text, str):
            continue
        seen = set()
        for _s, _e, idx in comp.match(text):
            label, actor = info[idx][0], info[idx][1]
            k = (*g, actor, label)
            counts[k] = counts.get(k, 0) + 1
            seen.add(k)
        for k in seen:
            docs[k] = docs.get(k, 0) + 1
    labels = table.drop_duplicates(["actor", "label"])[["actor", "label", "connotation"]]
    rows = []
    for g in sorted(set(groups), key=lambda t: tuple(str(x) for x in t)):
        for actor, sub in labels.groupby("actor", sort=False):
            ns = [counts.get((*g, actor, lab), 0) for lab in sub["label"]]
            tot = sum(ns)
            for (lab, conn), n in zip(sub[["label", "connotation"]].itertuples(index=False), ns):
                rows.append((*g, actor, lab, n, n / tot if tot else np.nan,
                             docs.get((*g, actor, lab), 0), conn))
    return pd.DataFrame(rows, columns=[*keys, "actor", "label", "n", "share", "n_docs",
                                       "connotation"])

