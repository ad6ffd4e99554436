"""Source balance: who is quoted in each article, in what role, from where, and how evenly.

:func:`sources` turns the quotes of each article (:func:`framing.quotes`) into one row per
*source*: a resolved speaker with the number of quotes and quoted words attributed to them
and the attributes the article states about them.  :func:`balance` measures, per outlet
(or any grouping), the share of sources, quotes and quoted words in each category of a
dimension (role, country, gender, side) with bootstrap confidence intervals that resample
articles, and the balance indices of :mod:`framing.stats`.  :func:`attribution_asymmetry`
compares how often each category is introduced with a loaded rather than a neutral speech
verb ("claimed" against "said").

Resolution rules (one source per person per article)
----------------------------------------------------
0. Speaker names are cleaned of what the quotes stage may glue to them: a sentence before
   ("Obama. Trump" -> "Trump"), an opening word ("As", "In", "Say"), a time ("on
   Friday"), a possessive ("Trump's"), a trailing period.  A canonical speaker the text
   holds only in its headline ("... Hit Piece Exploits Trump") gives way to the body
   mention; a capitalised particle ("De Blasio says") joins the article's "Bill de
   Blasio"; the tail of a known organisation written in full in the text ("Times" of "a
   New York Times article") is that organisation; an adverb opening a sentence
   ("Recently, ...") is not a source.
1. Quotes whose ``speaker`` (the canonical name from the quotes stage) is the same name are
   one source; a surname ("Carter") or an honorific plus surname ("Mr. Obama") joins the
   full name it ends ("Ashton Carter"), taken from another quote or else from the text.
   When the article names two people with that surname ("Hillary Clinton", "Bill
   Clinton"), the surname joins the one whose known gender (people table) matches what
   the text says of it ("Mrs. Clinton", "she"); otherwise it stays a bare surname, even if
   the quotes stage picked a full name.  A surname the text never expands may be a
   well-known person of the people table, picked out by gender ("Mr. Obama") or by the
   role of its title on the article's date ("President Obama").  A single capitalised word
   that is an ordinary word of the text ("Video shows", "Don't") is not a source.
2. A pronoun speaker the quotes stage could not resolve joins the nearest preceding
   person source whose gender does not contradict it.
3. A titled mention ("the defense secretary", "the senator") joins the one person whose
   title in the article ends with the same title words (abbreviations expanded: "Sen.");
   otherwise it is an unnamed source.
4. A possessive spokesperson chain ("Carter's spokesman", "a spokeswoman for Hillary
   Clinton") is a different source, affiliated with its owner (``affiliated_with``): it
   inherits the owner's role, organisation, country and side unless its own phrase
   states them; an owner who is not quoted but is in the people table lends its facts.
   A possessive pronoun ("his advisers") names as owner the nearest person source
   mentioned before, whose gender does not contradict it.
5. Unnamed people ("officials", "a senior official", "people familiar with the matter")
   are ``source_type="unnamed"``; those described only as officials, sources, aides,
   advisers, leaders or an unnamed spokesperson, with no named principal, have role
   ``anonymous`` (the organisation and country they are given are kept).  An unnamed
   speaker phrase must be headed by a person noun (a title, "critics", "voters",
   "Mexicans"): "the conflict claimed", "a poll found" or a clause glued by the quotes
   stage are not sources and are left out.
6. Institutions that speak as a body (a country, a capital used for its government such as
   "Riyadh", an organisation: "The United States has praised ...", a name headed by
   "campaign", "committee", "newspaper" ...) are ``source_type="institution"``.
   :func:`sources` reports them; :func:`balance` leaves them out by default
   (``include=("person", "unnamed")``), since balance counts voices.

Attribute rules (never guessed: ``unknown`` where the text does not say)
------------------------------------------------------------------------
* role, organisation, country: from the title phrase before the first mentions of the
  source ("US Defense Secretary Ashton Carter", "NATO Jens Stoltenberg"), the appositive
  after it ("Peter Cook, Carter's spokesman,", ", who served as U.S. ambassador"), a place
  after it ("Rep. Elijah Cummings of Maryland") and a US party-state parenthetical
  ("(R-Texas)"), read against ``framing/data/sources/`` (titles, organisations and
  organisation patterns, countries with demonyms and metonyms, US states).  Titles give
  the role; a title that defers to its organisation ("president", "director",
  "spokesman") takes the organisation's role; nationality adjectives, country and state
  names give the country, else the organisation's; an international body gives
  ``country="international"``.  A current title wins over an organisation alone, which
  wins over a former title.  A country after "on"/"about" is a topic ("experts on North
  Korea"), not the source's country.
* gender: an honorific (Mr., Ms.), a gendered title ("spokeswoman"), a pronoun the quotes
  stage resolved to the source ("he said"), or a pronoun later in the sentence of a
  mention with no other person, and no quotation mark, in between ("... al-Muallem has
  vowed that his country").  Conflicting text evidence gives ``unknown``.
* people table (``people=True``, the default): ``framing/data/sources/people.csv`` holds
  public facts on about 200 recurring public figures of the shipped corpora and of the
  US 2016 election coverage (gender; role, with dated changes such as candidate ->
  president; organisation; country), each row with provenance and licence.  It fills what
  the text leaves unknown for a person whose full resolved name (or alias) it lists, and
  outranks only the weakest text rule (the pronoun later in the sentence); the text wins
  otherwise.  ``gender_source``, ``role_source`` and ``country_source`` say
  ``"people_table"``.  ``people=False`` (CLI ``--no-people``) switches it off.
* first names (``use_first_names=True``, CLI ``--first-names``; off by default): a person
  whose gender is still unknown gets the gender of their given name in
  ``framing/data/given_names.csv`` (``gender_source="first_name"``).  This is a statistical
  guess about a name, not a statement of the text: report it as such.
* side: only from a user actor map (:func:`load_actor_map`), which also overrides any
  inferred attribute (``gender_source="actor_map"``).
* setting (``setting=True``, the default of :func:`resolve_sources`): a citizen, a
  political source or a local official (judge, police, legislator, mayor, governor:
  ``framing/data/sources/local_titles.csv``) whose country is still unknown takes the
  country the article is set in (``country_source="setting"``): the strict majority of
  the places and national institutions named in its dateline and lede (else the whole
  text), with at least three votes (:mod:`framing._source_setting`).  Anonymous sources,
  experts, organisations' voices, heads of government, ministers, diplomats and sources of
  unknown role are never placed this way.

Examples
--------
>>> import framing
>>> from framing.sourcing import resolve_sources
>>> text = ("US Defense Secretary Ashton Carter said the plan works. "
...         "Peter Cook, Carter's spokesman, said it was ready.")
>>> quotes = [
...     {"kind": "indirect", "start": 37, "end": 54, "text": "the plan works",
...      "speaker": "Ashton Carter", "speaker_mention": "Ashton Carter",
...      "speaker_start": 21, "speaker_end": 34, "verb_class": "neutral"},
...     {"kind": "indirect", "start": 88, "end": 103, "text": "it was ready",
...      "speaker": "Peter Cook", "speaker_mention": "Peter Cook",
...      "speaker_start": 55, "speaker_end": 65, "verb_class": "neutral"},
... ]
>>> [(r["source"], r["role"], r["country"], r["gender"], r["gender_source"])
...  for r in resolve_sources(text, quotes)]
[('Ashton Carter', 'official', 'United States', 'male', 'people_table'), ('Peter Cook', 'official', 'United States', 'male', 'title')]
>>> [r["gender"] for r in resolve_sources(text, quotes, people=False)]
['unknown', 'male']
"""
from __future__ import annotations

import warnings
import zlib
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import stats
from ._errors import DataError, FramingWarning
from ._runner import map_documents
from ._source_attrs import ROLES, Tables
from ._source_attrs import tables as _tables
from ._source_resolve import actor_lookup
from ._source_resolve import resolve_sources as _resolve
from ._source_setting import apply_setting as _apply_setting

__all__ = [
    "DIMENSIONS",
    "SOURCE_COLUMNS",
    "attribution_asymmetry",
    "balance",
    "load_actor_map",
    "resolve_sources",
    "sources",
]

SOURCE_COLUMNS = [
    "doc_id", "outlet", "source", "source_type", "mentions", "n_quotes", "n_direct",
    "n_indirect", "n_words", "n_with_verb", "n_loaded", "first_position", "role",
    "organization", "country", "gender", "gender_source", "role_source", "country_source",
    "side", "affiliated_with", "title", "start", "end",
]
DIMENSIONS = ("role", "country", "gender", "side", "organization", "source_type")
_GENDERS = ("female", "male", "unknown")


# ----------------------------------------------------------------------------- actor map

def load_actor_map(path_or_dict) -> pd.DataFrame:
    """Read a user actor map: names with aliases, and the side, role, country and gender.

    The map overrides inferred attributes and is the only source of ``side``.

    Parameters
    ----------
    path_or_dict : str, path, DataFrame, dict or list
        A YAML file (a list of records, or a mapping ``name -> record``), a CSV file with
        columns ``name, aliases, side, role, country, gender, organization`` (aliases
        ``;``-separated; only ``name`` is required), or the same data in memory.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, aliases, side, role, country, gender, organization``; ``aliases``
        is a list of strings.

    Examples
    --------
    >>> amap = load_actor_map({"Ashton Carter": {"aliases": ["Ash Carter"], "side": "coalition",
    ...                                          "gender": "male"}})
    >>> amap[["name", "side", "gender"]].values.tolist()
    [['Ashton Carter', 'coalition', 'male']]
    """
    cols = ["name", "aliases", "side", "role", "country", "gender", "organization"]
    if isinstance(path_or_dict, pd.DataFrame):
        records = path_or_dict.to_dict("records")
    elif isinstance(path_or_dict, Mapping):
        records = [{"name": k, **(v or {})} for k, v in path_or_dict.items()]
    elif isinstance(path_or_dict, list):
        records = list(path_or_dict)
    else:
        path = Path(path_or_dict)
        if not path.exists():
            raise FileNotFoundError(f"actor map not found: {str(path)!r}")
        ext = path.suffix.lower()
        if ext in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            return load_actor_map(data)
        if ext in (".csv", ".tsv"):
            frame = pd.read_csv(path, sep="\t" if ext == ".tsv" else ",", dtype=str,
                                keep_default_na=False)
            return load_actor_map(frame)
        raise DataError(
            f"actor map {str(path)!r}: unknown extension {ext or '(none)'!r}. "
            "Use a .yaml/.yml file (records or name -> record) or a .csv/.tsv file with a "
            "'name' column."
        )
    out = []
    for i, rec in enumerate(records):
        if not isinstance(rec, Mapping) or not rec.get("name"):
            raise DataError(
                f"actor map entry {i} has no 'name': got {rec!r}. Each entry needs a name "
                "(and optionally aliases, side, role, country, gender, organization)."
            )
        row: dict[str, Any] = {c: _clean(rec.get(c)) for c in cols}
        al = rec.get("aliases")
        if isinstance(al, str):
            al = [a.strip() for a in al.split(";") if a.strip()]
        row["aliases"] = [str(a) for a in (al or []) if _clean(a)]
        if row["role"] and row["role"] not in ROLES:
            raise DataError(
                f"actor map entry {row['name']!r}: role must be one of {list(ROLES)}, got "
                f"{row['role']!r}."
            )
        if row["gender"] and row["gender"] not in _GENDERS:
            raise DataError(
                f"actor map entry {row['name']!r}: gender must be one of {list(_GENDERS)}, "
                f"got {row['gender']!r}."
            )
        out.append(row)
    return pd.DataFrame(out, columns=cols)


def _clean(v) -> str | None:
    if v is None or (isinstance(v, float) and v != v):
        return None
    s = str(v).strip()
    return s or None


def _actor_lookup(actors) -> dict[str, dict]:
    return actor_lookup(actors, load_actor_map)


# ----------------------------------------------------------------------------- per document

def resolve_sources(
    text: str,
    quote_rows: Iterable[dict] | None = None,
    *,
    segments=None,
    tables: Tables | None = None,
    actors=None,
    people: bool = True,
    use_first_names: bool = False,
    date=None,
    setting: bool = True,
) -> list[dict]:
    """Resolve the sources of one article from its quote rows (pure, per document).

    Parameters
    ----------
    text : str
        The article text; offsets in ``quote_rows`` point into it.
    quote_rows : iterable of dict
        Rows of the quotes schema (``kind, start, end, text, speaker, speaker_mention,
        speaker_start, speaker_end, verb_class`` are used); scare quotes are ignored.
    segments : framing.text.Segments, optional
        Accepted for the shared per-document pass; not needed (attributes are read from
        short windows around each mention).
    tables : optional
        The shipped tables (loaded once by default).
    actors : actor map, optional
        Anything :func:`load_actor_map` reads, or its alias lookup.
    people : bool, default True
        Fill gender, role, country and organisation the text leaves unknown from the
        shipped table of well-known public figures (``framing/data/sources/people.csv``);
        reported as ``"people_table"`` in ``gender_source``, ``role_source`` and
        ``country_source``.
    use_first_names : bool, default False
        Opt-in: give a person whose gender is still unknown the gender of their given
        name in ``framing/data/given_names.csv`` (``gender_source="first_name"``).  A
        first name is a statistical guess, not evidence; it is off by default.
    date : str or datetime, optional
        The article's date; picks the role in force that day for people of the table whose
        role changed (a candidate who became president).
    setting : bool, default True
        Give the country the article is set in (its dateline and the places and national
        institutions of its lede, :mod:`framing._source_setting`) to the citizens, political
        sources and local officials (judges, police, legislators, mayors) whose country is
        still unknown; reported as ``country_source="setting"``.  Not for anonymous sources,
        experts, organisations' voices or sources of unknown role.

    Returns
    -------
    list of dict
        One dict per source with the :data:`SOURCE_COLUMNS` except ``doc_id``/``outlet``,
        ordered by ``first_position``.
    """
    rows = _resolve(text, quote_rows, segments=segments, tables=tables, actors=actors,
                    people=people, use_first_names=use_first_names, date=date,
                    _load_actor_map=load_actor_map)
    if setting:
        _apply_setting(text, rows, segments=segments)
    return rows


# ----------------------------------------------------------------------------- corpus level

_QUOTE_FIELDS = ["kind", "start", "end", "text", "speaker", "speaker_mention", "speaker_start",
                 "speaker_end", "verb_class"]


def _check_corpus(corpus) -> None:
    if not isinstance(corpus, pd.DataFrame) or not {"id", "text"} <= set(corpus.columns):
        got = list(corpus.columns) if isinstance(corpus, pd.DataFrame) else type(corpus).__name__
        raise DataError(
            "corpus must be a DataFrame with 'id', 'outlet' and 'text' columns (see "
            f"framing.read_corpus), got {got}."
        )


def sources(
    corpus: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    actors=None,
    people: bool = True,
    use_first_names: bool = False,
    setting: bool = True,
    progress: bool = False,
) -> pd.DataFrame:
    """One row per (article, source): who is quoted, how much, and what the text says of them.

    Parameters
    ----------
    corpus : DataFrame
        A corpus (``id``, ``outlet``, ``text``; an optional ``date`` picks the role in
        force that day for people of the shipped table whose role changed).
    quotes : DataFrame, optional
        The quotes table of this corpus (:func:`framing.quotes`); computed when omitted.
    actors : optional
        A user actor map (path, dict, list or the frame of :func:`load_actor_map`): it
        overrides inferred attributes and assigns ``side``.
    people : bool, default True
        Fill what the text leaves unknown from the shipped table of well-known public
        figures (``framing/data/sources/people.csv``: name, aliases, gender, role,
        organisation, country, with provenance and licence).  Text evidence wins; the
        origin is reported as ``"people_table"`` in ``gender_source``, ``role_source`` and
        ``country_source``.  ``people=False`` switches it off.
    use_first_names : bool, default False
        Opt-in: a person whose gender is still unknown gets the gender of their given
        name (``framing/data/given_names.csv``), reported as ``gender_source="first_name"``.
    setting : bool, default True
        Give the country the article is set in (dateline, places and national institutions
        of the lede) to citizens, political sources and local officials the text does not
        place, reported as ``country_source="setting"`` (see :func:`resolve_sources`);
        ``setting=False`` leaves them ``unknown``.
    progress : bool, default False

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SOURCE_COLUMNS`: ``doc_id, outlet, source, source_type, mentions,
        n_quotes, n_direct, n_indirect, n_words, n_with_verb, n_loaded, first_position,
        role, organization, country, gender, gender_source, role_source, country_source,
        side, affiliated_with, title, start, end``.  ``start``/``end`` are the offsets of
        the source's first mention; ``n_direct`` counts direct, mixed and partial quotes.
        ``gender_source`` is ``honorific``, ``title``, ``pronoun``, ``context`` (text),
        ``people_table``, ``first_name``, ``actor_map`` or empty (unknown);
        ``role_source``/``country_source`` are ``text``, ``affiliation`` (from the person a
        spokesperson speaks for), ``people_table``, ``actor_map`` or empty;
        ``country_source`` may also be ``setting`` (the country the article is set in,
        given to a citizen, political source or local official the text does not place;
        see :func:`resolve_sources`).  See the module docstring for the resolution and
        attribute rules.

    Examples
    --------
    >>> import framing
    >>> src = framing.sources(framing.datasets.load("seed"))  # doctest: +SKIP
    >>> src.query("source_type == 'person'")["source"].tolist()  # doctest: +SKIP
    ['Ashton Carter', 'Jens Stoltenberg', 'Peter Cook', 'Dmitry Medvedev', 'Walid al-Muallem']
    """
    _check_corpus(corpus)
    if quotes is None:
        from framing.quotation import quotes as _quotes

        quotes = _quotes(corpus)
    missing = {"doc_id", *_QUOTE_FIELDS[:6]} - set(quotes.columns)
    if missing:
        raise DataError(
            f"quotes is missing column(s) {sorted(missing)}; pass the table returned by "
            "framing.quotes(corpus)."
        )
    look = _actor_lookup(actors)
    t = _tables()
    rows_of = _QuoteRows(quotes)
    ids = corpus["id"].tolist()
    texts = corpus["text"].tolist()
    dates = corpus["date"].tolist() if "date" in corpus.columns else [None] * len(ids)
    docs = ((i, (tx, rows_of(i), d)) for i, tx, d in zip(ids, texts, dates))
    frame = map_documents(
        docs, lambda job: resolve_sources(job[0], job[1], tables=t, actors=look,
                                          people=people, use_first_names=use_first_names,
                                          date=job[2], setting=setting),
        what="source resolution", columns=[c for c in SOURCE_COLUMNS if c != "outlet"],
        progress=progress, total=len(ids),
    )
    outlets = dict(zip(ids, corpus["outlet"].tolist())) if "outlet" in corpus else {}
    frame.insert(1, "outlet", [outlets.get(d) for d in frame["doc_id"].tolist()])
    return frame


def _column_values(col: pd.Series) -> list:
    """The values of a column as a list, missing values as None."""
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iub":
        return col.tolist()
    arr = col.array
    if hasattr(arr, "__arrow_array__"):        # Arrow-backed strings, nullable integers
        try:
            return arr.__arrow_array__().to_pylist()
        except (TypeError, ValueError, NotImplementedError):  # pragma: no cover
            pass                               # an extension type Arrow cannot take
    return col.to_numpy(dtype=object, na_value=None).tolist()


class _QuoteRows:
    """The quote rows of each document as the dicts :func:`resolve_sources` takes, built
    on demand: ``rows(doc_id)`` is a list of dicts (or ``()``), leaving out the rows the
    resolver ignores anyway (scare quotes, rows with neither a speaker nor a mention).

    Each column is converted to a list once; a document's dicts are made just before it
    is resolved and freed right after (cache-warm, fewer garbage-collector passes than
    building every document's dicts up front).
    """

    __slots__ = ("_cols", "_present", "spans")

    def __init__(self, quotes: pd.DataFrame) -> None:
        docs = quotes["doc_id"].to_numpy(dtype=object)
        n = len(docs)
        self._present = [f for f in _QUOTE_FIELDS if f in quotes.columns]
        self._cols = [_column_values(quotes[f]) if f in self._present else [None] * n
                      for f in _QUOTE_FIELDS]
        # doc_id -> its (start, stop) row ranges, in table order (usually one run)
        self.spans: dict[Any, list[tuple[int, int]]] = {}
        if n:
            cut = (np.flatnonzero(docs[1:] != docs[:-1]) + 1).tolist()
            for lo, hi in zip([0, *cut], [*cut, n]):
                self.spans.setdefault(docs[lo], []).append((lo, hi))

    def __call__(self, doc: Any) -> list[dict] | tuple[()]:
        spans = self.spans.get(doc)
        if spans is None:
            return ()
        kind, start, end, text, spk, men, s_start, s_end, vclass = self._cols
        out: list[dict] = []
        for lo, hi in spans:
            out += [{"kind": k, "start": s, "end": e, "text": tx, "speaker": sp,
                     "speaker_mention": mn, "speaker_start": ss, "speaker_end": se,
                     "verb_class": vc}
                    for k, s, e, tx, sp, mn, ss, se, vc in zip(
                        kind[lo:hi], start[lo:hi], end[lo:hi], text[lo:hi], spk[lo:hi],
                        men[lo:hi], s_start[lo:hi], s_end[lo:hi], vclass[lo:hi])
                    if k != "scare" and (sp and sp.strip() or mn and mn.strip())]
        if not out:
            return ()
        if len(self._present) < len(_QUOTE_FIELDS):
            # the rows carry only the columns the table has
            return [{f: r[f] for f in self._present} for r in out]
        return out


def _as_sources(corpus_or_sources, quotes, actors, people=True,
                use_first_names=False, setting=True) -> pd.DataFrame:
    if isinstance(corpus_or_sources, pd.DataFrame) and "text" in corpus_or_sources.columns:
        return sources(corpus_or_sources, quotes=quotes, actors=actors, people=people,
                       use_first_names=use_first_names, setting=setting)
    if not isinstance(corpus_or_sources, pd.DataFrame) or "doc_id" not in corpus_or_sources:
        raise DataError(
            "expected a corpus (id, outlet, text) or the table of framing.sources(), got "
            f"{type(corpus_or_sources).__name__}."
        )
    return corpus_or_sources


_one_blas_thread = stats.one_blas_thread


def _group_seed(seed: int, key: Any) -> np.random.Generator:
    return np.random.default_rng([int(seed), zlib.crc32(repr(key).encode("utf-8"))])


def _category_labels(src: pd.DataFrame, dimension: str) -> np.ndarray:
    col = src[dimension]
    empty = "unassigned" if dimension == "side" else "unknown"
    if isinstance(col.dtype, pd.StringDtype):     # str or missing (None): the fast path
        return np.array([v or empty for v in _column_values(col)], dtype=object)
    vals = col.astype(object).where(col.notna(), None).tolist()
    return np.array([empty if v is None or v == "" else str(v) for v in vals], dtype=object)


def balance(
    corpus_or_sources: pd.DataFrame,
    *,
    by: str | None = "outlet",
    dimension: str = "role",
    include: tuple[str, ...] = ("person", "unnamed"),
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    min_group: int = 10,
    quotes: pd.DataFrame | None = None,
    actors=None,
    people: bool = True,
    use_first_names: bool = False,
    setting: bool = True,
) -> pd.DataFrame:
    """Share of sources, quotes and quoted words per category, per group, with bootstrap CIs.

    Parameters
    ----------
    corpus_or_sources : DataFrame
        A corpus (then :func:`sources` is run, with ``quotes`` and ``actors``) or the
        table :func:`sources` returned.
    by : str or None, default "outlet"
        Column to group articles by (``None``: the whole corpus is one group).
    dimension : {"role", "country", "gender", "side", "organization", "source_type"}
    include : tuple of str, default ("person", "unnamed")
        Source types counted; institutions speaking as a body are left out by default.
    n_resamples : int, default 2000
    confidence : float, default 0.95
    seed : int, default 0
        Each group's resamples use a generator seeded with ``seed`` and the group's name,
        so results do not depend on row or group order.
    min_group : int, default 10
        Groups with fewer articles (with sources) are flagged ``small_group`` and warned.
    quotes, actors, people, use_first_names, setting : optional
        Passed to :func:`sources` when a corpus is given.

    Returns
    -------
    pandas.DataFrame
        One row per (group, category): ``<by>, dimension, category, n_docs, n_sources,
        share_sources, sources_low, sources_high, n_quotes, share_quotes, quotes_low,
        quotes_high, n_words, share_words, words_low, words_high, n_first, share_first,
        small_group`` and the group's balance indices (repeated on each of its rows):
        ``evenness`` (Shannon H / ln k), ``iqv`` (k/(k-1)·(1-Σp²)), ``dominance`` (max p),
        ``official_share``, ``anonymous_share``, computed on source shares with k = the
        number of categories of the dimension in the whole table.  Shares are pooled over
        the group's articles (sum of counts / sum of totals); the intervals are percentile
        bootstrap intervals resampling articles (:func:`framing.stats.bootstrap_ratio`).
        ``share_first`` is the share of first-quoted sources (``first_position == 1``).

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    .. [2] Pielou, E. C. (1966). *Journal of Theoretical Biology*, 13, 131-144.
    .. [3] Agresti, A., & Agresti, B. F. (1978). *Sociological Methodology*, 9, 204-237.

    Examples
    --------
    >>> import framing
    >>> b = framing.balance(framing.datasets.load("seed"), dimension="country")  # doctest: +SKIP
    >>> b.set_index("category")["n_sources"]["United States"]  # doctest: +SKIP
    2
    """
    if dimension not in DIMENSIONS:
        raise DataError(
            f"dimension must be one of {list(DIMENSIONS)}, got {dimension!r}."
        )
    src = _as_sources(corpus_or_sources, quotes, actors, people, use_first_names, setting)
    need = {"doc_id", dimension, "n_quotes", "n_words", "first_position", "source_type"}
    if by is not None:
        need.add(by)
    missing = need - set(src.columns)
    if missing:
        raise DataError(
            f"the sources table is missing column(s) {sorted(missing)}; pass the output of "
            "framing.sources() (or a corpus)."
        )
    if include is not None:
        # keep only the columns used below: filtering a narrow frame is cheaper
        used = [c for c in dict.fromkeys(("doc_id", dimension, "n_quotes", "n_words",
                                          "first_position", by, "role"))
                if c is not None and c in src.columns]
        src = src.loc[src["source_type"].isin(list(include)).to_numpy(), used]
    cats_all = _category_labels(src, dimension)
    categories = sorted(set(cats_all.tolist()))
    k = max(len(categories), 1)
    cat_code = {c: i for i, c in enumerate(categories)}
    # documents in sorted order, so the resamples do not depend on row order
    doc_codes, doc_uniques = pd.factorize(src["doc_id"].astype(str), sort=True)
    n_docs_all = len(doc_uniques)
    cc = np.array([cat_code[c] for c in cats_all], dtype=np.int64)
    flat = doc_codes.astype(np.int64) * k + cc

    def mat(weights):
        return np.bincount(flat, weights=weights, minlength=n_docs_all * k).reshape(
            n_docs_all, k)

    m_src = mat(None)
    m_q = mat(src["n_quotes"].to_numpy(dtype=float))
    m_w = mat(src["n_words"].to_numpy(dtype=float))
    m_f = mat((src["first_position"].to_numpy(dtype=float) == 1).astype(float))
    if by is None:
        group_of_doc = np.zeros(n_docs_all, dtype=np.int64)
        group_names = ["all"]
        by_col = "group"
    else:
        first_row = np.zeros(n_docs_all, dtype=np.int64)
        first_row[doc_codes[::-1]] = np.arange(len(doc_codes))[::-1]
        gvals = src[by].astype(object).to_numpy()[first_row] if n_docs_all else np.array([])
        gcodes, guniq = pd.factorize(pd.Series(gvals, dtype=object), sort=True)
        group_of_doc, group_names, by_col = gcodes, list(guniq), by
    stacked = np.hstack([m_src, m_q, m_w, m_f])
    dens = np.hstack([np.repeat(m.sum(axis=1, keepdims=True), k, axis=1)
                      for m in (m_src, m_q, m_w, m_f)])
    # official/anonymous shares need each group's roles, whatever the dimension
    if "role" in src.columns:
        role_vals = cats_all if dimension == "role" else _category_labels(src, "role")
        doc_group = group_of_doc[doc_codes]
        is_off = np.bincount(doc_group, weights=(role_vals == "official").astype(float),
                             minlength=len(group_names))
        is_anon = np.bincount(doc_group, weights=(role_vals == "anonymous").astype(float),
                              minlength=len(group_names))
        n_rows = np.bincount(doc_group, minlength=len(group_names)).astype(float)
    out = []
    small = []
    with _one_blas_thread():
        for gi, g in enumerate(group_names):
            rows_g = group_of_doc == gi
            nd = int(rows_g.sum())
            stacked_g = stacked[rows_g]
            r = stats.bootstrap_ratio(stacked_g, dens[rows_g], n_resamples=n_resamples,
                                      confidence=confidence, seed=_group_seed(seed, g))
            est, lo, hi = (np.atleast_1d(x) for x in r)
            tot = stacked_g.sum(axis=0)
            counts = tot[:k]
            ev = stats.shannon_evenness(counts, k=k) if k >= 2 else float("nan")
            iq = stats.iqv(counts, k=k) if k >= 2 else float("nan")
            dom = stats.dominance(counts)
            if "role" in src.columns and n_rows[gi] > 0:
                # = stats.official_share / stats.anonymous_share of the group's roles
                off = float(is_off[gi] / n_rows[gi])
                anon = float(is_anon[gi] / n_rows[gi])
            else:
                off = anon = float("nan")
            is_small = nd < min_group
            if is_small:
                small.append(g)
            for ci, c in enumerate(categories):
                out.append({
                    by_col: g, "dimension": dimension, "category": c, "n_docs": nd,
                    "n_sources": int(tot[ci]), "share_sources": est[ci],
                    "sources_low": lo[ci], "sources_high": hi[ci],
                    "n_quotes": int(tot[k + ci]), "share_quotes": est[k + ci],
                    "quotes_low": lo[k + ci], "quotes_high": hi[k + ci],
                    "n_words": int(tot[2 * k + ci]), "share_words": est[2 * k + ci],
                    "words_low": lo[2 * k + ci], "words_high": hi[2 * k + ci],
                    "n_first": int(tot[3 * k + ci]), "share_first": est[3 * k + ci],
                    "small_group": is_small, "evenness": ev, "iqv": iq, "dominance": dom,
                    "official_share": off, "anonymous_share": anon,
                })
    if small:
        warnings.warn(
            f"balance: {len(small)} group(s) have fewer than min_group={min_group} articles "
            f"with sources ({', '.join(map(str, small[:5]))}{' ...' if len(small) > 5 else ''});"
            " their intervals are wide and flagged in the small_group column.",
            FramingWarning, stacklevel=2,
        )
    cols = [by_col, "dimension", "category", "n_docs", "n_sources", "share_sources",
            "sources_low", "sources_high", "n_quotes", "share_quotes", "quotes_low",
            "quotes_high", "n_words", "share_words", "words_low", "words_high", "n_first",
            "share_first", "small_group", "evenness", "iqv", "dominance", "official_share",
            "anonymous_share"]
    return pd.DataFrame(out, columns=cols)


def attribution_asymmetry(
    corpus_or_sources: pd.DataFrame,
    *,
    dimension: str = "country",
    by: str | None = None,
    include: tuple[str, ...] = ("person", "unnamed"),
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    quotes: pd.DataFrame | None = None,
    actors=None,
) -> pd.DataFrame:
    """Compare, across categories, the share of quotes introduced with a loaded speech verb.

    For each category the loaded-verb share is ``n_loaded / n_with_verb`` pooled over the
    articles (quotes whose verb class is not ``neutral``, among quotes with a verb).  For
    each pair of categories the difference ``share_a - share_b`` gets a percentile bootstrap
    interval that resamples articles jointly, keeping both categories of an article
    together (:func:`framing.stats.bootstrap_ratio_diff` with ``paired=True``).

    Parameters
    ----------
    corpus_or_sources : DataFrame
        A corpus or the table of :func:`sources`.
    dimension : str, default "country"
    by : str, optional
        Compare within each group of this column (e.g. "outlet").
    include, n_resamples, confidence, seed, quotes, actors
        As in :func:`balance`.

    Returns
    -------
    pandas.DataFrame
        One row per (group, category pair): ``[by,] dimension, category_a, category_b,
        n_verbs_a, n_loaded_a, share_a, n_verbs_b, n_loaded_b, share_b, difference, low,
        high``.

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    """
    if dimension not in DIMENSIONS:
        raise DataError(f"dimension must be one of {list(DIMENSIONS)}, got {dimension!r}.")
    src = _as_sources(corpus_or_sources, quotes, actors)
    need = {"doc_id", dimension, "n_with_verb", "n_loaded", "source_type"} | (
        {by} if by else set())
    missing = need - set(src.columns)
    if missing:
        raise DataError(
            f"the sources table is missing column(s) {sorted(missing)}; pass the output of "
            "framing.sources() (or a corpus)."
        )
    if include is not None:
        src = src[src["source_type"].isin(list(include))]
    src = src.assign(_cat=_category_labels(src, dimension))
    groups = [(None, src)] if by is None else sorted(src.groupby(by, sort=True),
                                                     key=lambda x: str(x[0]))
    rows = []
    for g, part in groups:
        piv_v = part.pivot_table(index="doc_id", columns="_cat", values="n_with_verb",
                                 aggfunc="sum", fill_value=0)
        piv_l = part.pivot_table(index="doc_id", columns="_cat", values="n_loaded",
                                 aggfunc="sum", fill_value=0).reindex_like(piv_v)
        cats = sorted(piv_v.columns)
        for a, b in combinations(cats, 2):
            va, la = piv_v[a].to_numpy(float), piv_l[a].to_numpy(float)
            vb, lb = piv_v[b].to_numpy(float), piv_l[b].to_numpy(float)
            r = stats.bootstrap_ratio_diff(la, va, lb, vb, paired=True,
                                           n_resamples=n_resamples, confidence=confidence,
                                           seed=_group_seed(seed, (g, a, b)))
            row = {} if by is None else {by: g}
            with np.errstate(invalid="ignore", divide="ignore"):
                sa = la.sum() / va.sum() if va.sum() else float("nan")
                sb = lb.sum() / vb.sum() if vb.sum() else float("nan")
            row.update({"dimension": dimension, "category_a": a, "category_b": b,
                        "n_verbs_a": int(va.sum()), "n_loaded_a": int(la.sum()), "share_a": sa,
                        "n_verbs_b": int(vb.sum()), "n_loaded_b": int(lb.sum()), "share_b": sb,
                        "difference": r.estimate, "low": r.low, "high": r.high})
            rows.append(row)
    cols = ([by] if by else []) + ["dimension", "category_a", "category_b", "n_verbs_a",
                                   "n_loaded_a", "share_a", "n_verbs_b", "n_loaded_b",
                                   "share_b", "difference", "low", "high"]
    return pd.DataFrame(rows, columns=cols)
