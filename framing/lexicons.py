"""Transparent, versioned lexicons of loaded wording, and readers for a researcher's own.

A lexicon is a table of entries, each with a ``category``, a short ``rationale``, a
``provenance`` and a ``licence``.  The shipped lexicons (see :func:`list_lexicons`) are:

=================  ============  ==========================================================
name               category      what
=================  ============  ==========================================================
``labels``         label         pejorative or name-calling labels for actors ("regime",
                                 "thugs", "Takfiri", "puppet", "foreign-sponsored")
``distancing``     distancing    epistemic distancing and hedges ("so-called", "purportedly",
                                 "what he called", "reportedly")
``emotive``        emotive       emotive words and intensifiers ("slaughter", "brutal",
                                 "staunchly", "bizarre")
``speech-verbs``   loaded_verb   the distancing and emotive classes of the quotation verb
                                 lexicon (``framing/data/speech_verbs.csv``: "claim", "slam",
                                 "boast"), read from that file, never copied
``speech-verbs-    loaded_verb   every evaluative class of that lexicon (also "accuse",
all``                            "admit", "warn", "praise"); not in the default
``vader``          emotive       strongly valenced words of the VADER lexicon (MIT), read from
                                 the installed ``vaderSentiment`` package; not in the default
=================  ============  ==========================================================

The fifth category, ``scare_quote``, is not a word list: :func:`framing.loaded_terms` takes
it from the short unattributed quotes that quotation attribution finds.

Entry syntax
------------
An entry is one or more words.  A space or a hyphen in an entry matches a space, a hyphen
or an apostrophe in the text, so ``so-called`` also finds "so called".  Matching ignores
case, and the last word of an entry (skipping trailing particles such as "as", "out",
"on") also matches its regular inflections ("militant" finds "militants", "slam" finds
"slammed", "lash out" finds "lashed out", "what {PRON} describe as" finds "what she
described as").  Optional rules:

* ``{he|she|they}`` — one word out of the alternatives;
* ``{PRON}`` — a subject pronoun; ``{NAME}`` — one to three capitalised words, so
  ``what {PRON} called`` and ``what {NAME} called`` find "what he called" and
  "what Jens Stoltenberg called";
* ``*`` alone — any one word; ``word*`` at the end — any word starting with ``word``
  (as in LIWC dictionaries);
* a ``match`` column (or key) of ``exact`` turns inflection off; ``case`` is exact and
  case-sensitive (for "IS" as the Islamic State).

The longest match wins where entries overlap; on ties the earlier lexicon wins.

File formats
------------
* CSV: ``#`` comment lines of ``key: value`` metadata (``name``, ``version``, ``licence``,
  ``provenance``, ``description``) and a header with at least ``entry`` and ``category``;
  ``rationale``, ``provenance``, ``licence``, ``match``, ``subcategory`` are optional (the
  file-level values fill them).
* YAML (read with ``yaml.safe_load`` semantics): the same metadata keys and either
  ``entries:`` (a list of mappings, or of plain strings with a top-level ``category:``) or
  ``categories:`` (a mapping of category to a list of entries).
* LIWC-style ``.dic``: a ``%``-delimited header of ``<number> <category>`` lines, then one
  entry per line followed by its category numbers.

A malformed file raises :class:`framing.DataError` naming the file, the line and the problem.

Examples
--------
>>> import framing
>>> lex = framing.load_lexicon()
>>> sorted(lex.categories)
['distancing', 'emotive', 'label', 'loaded_verb']
>>> [m[2] for m in lex.find("The so called regime slammed them.")]
['so-called', 'regime', 'slam']
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ._errors import DataError, ResourceNotFoundError
from ._lexmatch import PatternError, compile_entries, parse_pattern

__all__ = ["Lexicon", "load_lexicon", "list_lexicons", "CATEGORIES", "DEFAULT_LEXICONS",
           "LOADED_VERB_CLASSES", "ALL_LOADED_VERB_CLASSES", "vader_valence"]

#: the categories of loaded wording (``scare_quote`` comes from quotation attribution)
CATEGORIES = ("label", "distancing", "emotive", "loaded_verb", "scare_quote")

#: the shipped lexicons that :func:`load_lexicon` uses by default, in priority order
DEFAULT_LEXICONS = ("labels", "distancing", "emotive", "speech-verbs")

#: speech-verb classes in the default ``speech-verbs`` lexicon: verbs that cast doubt on the
#: claim ("claim", "allege") or emotion and hostility on the speaker ("slam", "boast").
LOADED_VERB_CLASSES = ("distancing", "emotive")

#: every evaluative class, in ``speech-verbs-all``.  ``neutral`` is not loaded; ``cognition``
#: (think, believe) and ``evidential`` (show, find) report beliefs and evidence rather than
#: characterising an act of speech, so they are left out.  The other classes frame a quote
#: (accuse, admit, warn, praise) but are ordinary newswriting verbs: on the development
#: folds of BABE and PTC fewer than one match in six is annotated as biased, so they are
#: not in the default.
ALL_LOADED_VERB_CLASSES = (
    "accusatory", "assertive", "commitment", "concessive", "denial", "directive",
    "disclosure", "distancing", "emotive", "hedging", "laudatory", "warning",
)

#: columns of :attr:`Lexicon.entries`
ENTRY_COLUMNS = ["entry", "category", "rationale", "provenance", "licence", "match",
                 "subcategory", "lexicon", "pattern"]

_VADER_MIN = 2.0
_META_KEYS = ("name", "version", "licence", "provenance", "description", "category")


# ----------------------------------------------------------------------------- Lexicon

@dataclass(eq=False)
class Lexicon:
    """A set of lexicon entries, compiled once for fast matching.

    Attributes
    ----------
    entries : pandas.DataFrame
        One row per entry: ``entry, category, rationale, provenance, licence, match,
        subcategory, lexicon, pattern`` (``lexicon`` is ``name@version`` of the source
        file; ``pattern`` is what is matched, usually the entry itself).
    name : str
    sources : list of dict
        Metadata of each lexicon combined into this one (name, version, licence, ...).
    """

    entries: pd.DataFrame
    name: str = "custom"
    sources: list[dict] = field(default_factory=list)
    _compiled: Any = field(default=None, repr=False)
    _rows: Any = field(default=None, repr=False)
    _verbs: Any = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        srcs = ", ".join(f"{s['name']}@{s['version']}" for s in self.sources)
        return f"<Lexicon {self.name!r}: {len(self)} entries from {srcs or 'no source'}>"

    @property
    def categories(self) -> set[str]:
        return set(self.entries["category"].tolist())

    @property
    def version(self) -> str:
        return "+".join(str(s["version"]) for s in self.sources)

    def compiled(self):
        """The compiled matcher and row tuples ``(entry, category, lexicon, subcategory)``."""
        if self._compiled is None:
            pats = list(zip(self.entries["pattern"].tolist(), self.entries["match"].tolist()))
            self._compiled = compile_entries(pats)
            self._rows = list(zip(
                self.entries["entry"].tolist(), self.entries["category"].tolist(),
                self.entries["lexicon"].tolist(), self.entries["subcategory"].tolist()))
        return self._compiled, self._rows

    def loaded_verbs(self) -> tuple[frozenset, dict]:
        """The ``loaded_verb`` entries as ``(classes, forms)``: the set of their
        subcategories (speech-verb classes such as ``distancing``, ``emotive``) and a dict
        from lower-cased pattern (verb form) to ``(entry, lexicon, subcategory)``.

        :func:`framing.loaded_terms` uses it to decide which cue verbs of quotation
        attribution are loaded.

        >>> classes, forms = load_lexicon().loaded_verbs()
        >>> sorted(classes), forms["claimed"][0]
        (['distancing', 'emotive'], 'claim')
        """
        if self._verbs is None:
            sub = self.entries[self.entries["category"] == "loaded_verb"]
            classes = frozenset(c for c in sub["subcategory"].tolist()
                                if isinstance(c, str) and c)
            forms: dict[str, tuple] = {}
            for pat, ent, lx, sc in zip(sub["pattern"].tolist(), sub["entry"].tolist(),
                                        sub["lexicon"].tolist(), sub["subcategory"].tolist()):
                forms.setdefault(str(pat).lower(), (ent, lx, sc if isinstance(sc, str) else ""))
            self._verbs = (classes, forms)
        return self._verbs

    def find(self, text: str) -> list[tuple[int, int, str, str, str]]:
        """Matches in ``text`` as ``(start, end, entry, category, lexicon)`` tuples.

        >>> lex = load_lexicon("distancing")
        >>> lex.find("a so-called deal")
        [(2, 11, 'so-called', 'distancing', 'distancing@1.3')]
        """
        comp, rows = self.compiled()
        return [(s, e, rows[i][0], rows[i][1], rows[i][2]) for s, e, i in comp.match(text)]

    def __add__(self, other: Lexicon) -> Lexicon:
        return _combine([self, other], name=f"{self.name}+{other.name}")


def _combine(lexicons: list[Lexicon], *, name: str, replace: bool = False) -> Lexicon:
    """Concatenate lexicons; with ``replace`` a later entry replaces an earlier one of the
    same pattern (and the later one is matched first)."""
    frames = [lx.entries for lx in lexicons]
    if replace and len(frames) > 1:
        frames = frames[::-1]
    entries = pd.concat(frames, ignore_index=True)
    if replace:
        key = entries["pattern"].str.lower()
        entries = entries[~key.duplicated(keep="first")].reset_index(drop=True)
    sources = [s for lx in lexicons for s in lx.sources]
    return Lexicon(entries, name=name, sources=sources)


# ----------------------------------------------------------------------------- public API

def load_lexicon(
    source: Any = None,
    *,
    name: str | None = None,
    add: Any = None,
    replace: bool = False,
    categories: dict[str, str] | None = None,
) -> Lexicon:
    """Load shipped lexicons, a researcher's own lexicon files, or both.

    Parameters
    ----------
    source : None, str, path, DataFrame, dict, Lexicon or list of them
        What to start from.  ``None``: the default shipped lexicons
        (:data:`DEFAULT_LEXICONS`).  A string naming a shipped lexicon (see
        :func:`list_lexicons`), ``"default"`` or ``"all"``; a path to a CSV, YAML or LIWC
        ``.dic`` file; a DataFrame with at least ``entry`` and ``category`` columns; a dict
        shaped like the YAML format.
    name : str, optional
        Name of the resulting lexicon (default: derived from the sources).
    add : same kinds as ``source``, optional
        More entries added on top of ``source`` (e.g. your own file on top of the shipped
        lexicons).
    replace : bool, default False
        If True, an entry in ``add`` whose pattern already exists in ``source`` replaces it
        (use it to re-categorise a shipped entry); if False the ``source`` entry wins.
    categories : dict, optional
        Rename categories of user files (``{"negemo": "emotive"}``); categories not in the
        mapping are dropped.  Handy for LIWC dictionaries.

    Returns
    -------
    Lexicon

    Raises
    ------
    framing.ResourceNotFoundError
        An unknown shipped name (the message lists the available ones).
    framing.DataError
        A malformed file: the message names the file, the line and the problem.

    Examples
    --------
    >>> import framing
    >>> lex = framing.load_lexicon(add={"category": "label", "entries": ["globalist"]})
    >>> lex.find("a globalist plot")[0][2:4]
    ('globalist', 'label')
    >>> len(framing.load_lexicon("labels")) > 100
    True
    """
    if source is None and add is None and categories is None:
        return _default_lexicon()
    base = _default_lexicon() if source is None else _load_many(source, categories)
    if add is None:
        out = base
        if name:
            out = Lexicon(base.entries, name=name, sources=base.sources)
        return out
    extra = _load_many(add, categories)
    return _combine([base, extra], name=name or f"{base.name}+{extra.name}", replace=replace)


def list_lexicons() -> pd.DataFrame:
    """The shipped lexicons with their version, size, licence and provenance.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, version, n_entries, categories, default, licence, provenance,
        description``.

    Examples
    --------
    >>> import framing
    >>> framing.list_lexicons()["name"].tolist()
    ['labels', 'distancing', 'emotive', 'speech-verbs', 'speech-verbs-all', 'vader']
    """
    rows = []
    for nm in _shipped_names():
        lx = _shipped(nm)
        meta = lx.sources[0]
        rows.append({
            "name": nm,
            "version": str(meta.get("version", "")),
            "n_entries": len(lx),
            "categories": ",".join(sorted(lx.categories)),
            "default": nm in DEFAULT_LEXICONS,
            "licence": meta.get("licence", ""),
            "provenance": meta.get("provenance", ""),
            "description": meta.get("description", ""),
        })
    return pd.DataFrame(rows, columns=["name", "version", "n_entries", "categories", "default",
                                       "licence", "provenance", "description"])


# ----------------------------------------------------------------------------- shipped

def _lexicon_dir():
    return resources.files("framing.data").joinpath("lexicons")


@lru_cache(maxsize=1)
def _file_lexicons() -> dict[str, str]:
    """Shipped lexicon files: name -> file name (CSV/YAML in framing/data/lexicons)."""
    out = {}
    for entry in _lexicon_dir().iterdir():
        nm = entry.name
        if nm.endswith((".csv", ".yaml", ".yml")):
            out[nm.rsplit(".", 1)[0]] = nm
    return out


def _shipped_names() -> list[str]:
    files = _file_lexicons()
    order = [n for n in DEFAULT_LEXICONS if n in files or n == "speech-verbs"]
    rest = sorted(n for n in files if n not in order)
    return order + rest + ["speech-verbs-all", "vader"]


@lru_cache(maxsize=None)
def _shipped(nm: str) -> Lexicon:
    if nm == "speech-verbs":
        return _speech_verb_lexicon(nm, LOADED_VERB_CLASSES)
    if nm == "speech-verbs-all":
        return _speech_verb_lexicon(nm, ALL_LOADED_VERB_CLASSES)
    if nm == "vader":
        return _vader_lexicon()
    files = _file_lexicons()
    if nm not in files:
        raise ResourceNotFoundError(
            f"no shipped lexicon named {nm!r}. Available: {', '.join(_shipped_names())} "
            "(or pass a path to a CSV, YAML or .dic file).")
    res = _lexicon_dir().joinpath(files[nm])
    text = res.read_text(encoding="utf-8")
    return _parse_text(text, f"framing/data/lexicons/{files[nm]}", default_name=nm)


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return _combine([_shipped(n) for n in DEFAULT_LEXICONS], name="default")


def _speech_verb_lexicon(nm: str, classes: tuple[str, ...]) -> Lexicon:
    """Loaded classes of the quotation verb lexicon, read from its file (never copied)."""
    src = resources.files("framing.data").joinpath("speech_verbs.csv")
    meta = {"name": nm, "version": "", "licence": "",
            "provenance": "framing/data/speech_verbs.csv (the quotation verb lexicon)",
            "description": "loaded speech verbs: classes " + ", ".join(classes)}
    if not src.is_file():
        return Lexicon(_frame([]), name=nm, sources=[meta])
    table = pd.read_csv(io.StringIO(src.read_text(encoding="utf-8")), dtype=str,
                        keep_default_na=False, comment="#")
    table = table[table["verb_class"].isin(classes)]
    version = ",".join(sorted(set(table["version"]))) if "version" in table else ""
    licences = sorted(set(table["licence"])) if "licence" in table else []
    meta["version"] = version or "1"
    meta["licence"] = ", ".join(licences)
    label = f"{nm}@{meta['version']}"
    rows = [
        {"entry": r["lemma"], "category": "loaded_verb", "rationale": r.get("rationale", ""),
         "provenance": r.get("provenance", ""), "licence": r.get("licence", ""),
         "match": "exact", "subcategory": r["verb_class"], "lexicon": label,
         "pattern": r["form"]}
        for r in table.to_dict("records")
    ]
    return Lexicon(_frame(rows), name=nm, sources=[meta])


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """VADER's mean valence per lower-case token (MIT licence; Hutto & Gilbert 2014).

    Read from the installed ``vaderSentiment`` package, not copied into framing.

    >>> vader_valence()["brutal"] < -2
    True
    """
    src = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    out: dict[str, float] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].strip().lower()] = float(parts[1])
            except ValueError:
                continue
    return out


_ALPHA_WORD = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")


def _vader_lexicon() -> Lexicon:
    try:
        from vaderSentiment import __version__ as vv  # type: ignore[attr-defined]
    except Exception:  # the package has no __version__
        vv = "3.3.2"
    label = "vader@" + vv
    prov = ("VADER sentiment lexicon (Hutto & Gilbert 2014), read from the installed "
            "vaderSentiment package; words with |mean valence| >= %.1f" % _VADER_MIN)
    rows = []
    for w, v in vader_valence().items():
        if abs(v) >= _VADER_MIN and _ALPHA_WORD.match(w) and len(w) > 2:
            rows.append({"entry": w, "category": "emotive",
                         "rationale": f"VADER mean valence {v:+.1f}", "provenance": prov,
                         "licence": "MIT", "match": "exact",
                         "subcategory": "positive" if v > 0 else "negative",
                         "lexicon": label, "pattern": w})
    meta = {"name": "vader", "version": vv, "licence": "MIT", "provenance": prov,
            "description": "strongly valenced words (emotive); optional, not in the default"}
    return Lexicon(_frame(rows), name="vader", sources=[meta])


# ----------------------------------------------------------------------------- readers

def _frame(rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in ENTRY_COLUMNS})
    return pd.DataFrame.from_records(rows, columns=ENTRY_COLUMNS)


def _load_many(source: Any, categories: dict | None) -> Lexicon:
    if isinstance(source, (list, tuple)):
        if not source:
            raise DataError("load_lexicon: source is an empty list; pass a lexicon name, a "
                            "path, a DataFrame or a dict, or None for the default lexicons.")
        lexs = [_load_one(s, categories) for s in source]
        return _combine(lexs, name="+".join(lx.name for lx in lexs))
    return _load_one(source, categories)


def _load_one(source: Any, categories: dict | None) -> Lexicon:
    if isinstance(source, Lexicon):
        lx = source
    elif isinstance(source, pd.DataFrame):
        lx = _from_records(source.to_dict("records"), {"name": "custom"}, "the DataFrame",
                           [i + 2 for i in range(len(source))])
    elif isinstance(source, dict):
        lx = _from_mapping(source, "the dict", None)
    elif isinstance(source, (str, os.PathLike)):
        s = str(source)
        if s in ("default",):
            lx = _default_lexicon()
        elif s == "all":
            lx = _combine([_shipped(n) for n in _shipped_names()], name="all")
        elif not isinstance(source, os.PathLike) and s in _shipped_names():
            lx = _shipped(s)
        else:
            path = Path(s)
            if not path.exists():
                if path.suffix.lower() in (".csv", ".yaml", ".yml", ".dic", ".tsv"):
                    raise FileNotFoundError(f"lexicon file not found: {s}")
                raise ResourceNotFoundError(
                    f"no shipped lexicon named {s!r} and no such file. Available: "
                    f"{', '.join(_shipped_names())}, 'default', 'all'; or pass a path to a "
                    "CSV, YAML or LIWC .dic file.")
            lx = _read_file(path)
    else:
        raise TypeError(
            f"lexicon source must be a name, a path, a DataFrame, a dict or a Lexicon; got "
            f"{type(source).__name__}.")
    if categories is not None:
        ent = lx.entries[lx.entries["category"].isin(list(categories))].copy()
        ent["category"] = ent["category"].map(categories)
        lx = Lexicon(ent.reset_index(drop=True), name=lx.name, sources=lx.sources)
    return lx


def _read_file(path: Path) -> Lexicon:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc}); save the lexicon as UTF-8.") from None
    return _parse_text(text, str(path), default_name=path.stem)


def _parse_text(text: str, origin: str, *, default_name: str) -> Lexicon:
    low = origin.lower()
    if low.endswith((".yaml", ".yml")):
        return _parse_yaml(text, origin, default_name)
    if low.endswith(".dic"):
        return _parse_dic(text, origin, default_name)
    return _parse_csv(text, origin, default_name, sep="\t" if low.endswith(".tsv") else ",")


def _parse_csv(text: str, origin: str, default_name: str, sep: str = ",") -> Lexicon:
    meta: dict[str, str] = {"name": default_name}
    lines = text.splitlines()
    body = []
    for ln in lines:
        s = ln.strip()
        if s.startswith("#"):
            m = re.match(r"#\s*([A-Za-z_]+)\s*:\s*(.*)$", s)
            if m and m.group(1).lower() in _META_KEYS:
                meta[m.group(1).lower()] = m.group(2).strip()
            body.append("")
        else:
            body.append(ln)
    reader = csv.reader(body, delimiter=sep)
    header: list[str] | None = None
    records, line_nos = [], []
    for row in reader:
        if not row or all(not c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            for need in ("entry", "category"):
                if need not in header and not (need == "category" and "category" in meta):
                    raise DataError(
                        f"{origin}, line {reader.line_num}: the header has no {need!r} column "
                        f"(found {header}); a lexicon CSV needs at least 'entry' and "
                        "'category'.")
            continue
        if len(row) != len(header):
            raise DataError(
                f"{origin}, line {reader.line_num}: expected {len(header)} fields "
                f"({', '.join(header)}), got {len(row)}; quote fields that contain the "
                "separator.")
        records.append(dict(zip(header, (c.strip() for c in row))))
        line_nos.append(reader.line_num)
    if header is None:
        raise DataError(f"{origin}: no header line and no entries; a lexicon CSV needs a "
                        "header with at least 'entry' and 'category'.")
    return _from_records(records, meta, origin, line_nos)


def _parse_yaml(text: str, origin: str, default_name: str) -> Lexicon:
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        raise DataError(f"{origin}, line {line}: invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{origin}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise DataError(f"{origin}, line 1: expected a mapping with 'entries' or 'categories', "
                        f"got {type(data).__name__}.")
    return _from_mapping(data, origin, node, default_name=default_name)


def _node_lines(node, key: str) -> list | dict | None:
    """Line numbers of the items under ``key`` in a composed YAML mapping node."""
    if node is None or not hasattr(node, "value") or not isinstance(node.value, list):
        return None
    for k, v in node.value:
        if getattr(k, "value", None) == key:
            if isinstance(v.value, list) and v.value and isinstance(v.value[0], tuple):
                return {kk.value: [it.start_mark.line + 1 for it in vv.value]
                        if isinstance(vv.value, list) else [vv.start_mark.line + 1]
                        for kk, vv in v.value}
            if isinstance(v.value, list):
                return [it.start_mark.line + 1 for it in v.value]
            return [v.start_mark.line + 1]
    return None


def _from_mapping(data: dict, origin: str, node, default_name: str = "custom") -> Lexicon:
    meta = {k: str(data[k]) for k in _META_KEYS if k in data and data[k] is not None}
    meta.setdefault("name", default_name)
    records: list[dict] = []
    lines: list = []
    if "entries" in data:
        ents = data["entries"]
        if not isinstance(ents, list):
            raise DataError(f"{origin}: 'entries' must be a list, got {type(ents).__name__}.")
        nl = _node_lines(node, "entries") or [None] * len(ents)
        for item, ln in zip(ents, nl):
            if isinstance(item, str):
                records.append({"entry": item})
            elif isinstance(item, dict):
                records.append({str(k).lower(): ("" if v is None else str(v))
                                for k, v in item.items()})
            else:
                raise DataError(f"{_where(origin, ln)}: an entry must be a string or a mapping "
                                f"with 'entry' and 'category', got {item!r}.")
            lines.append(ln)
    elif "categories" in data:
        cats = data["categories"]
        if not isinstance(cats, dict):
            raise DataError(f"{origin}: 'categories' must map a category to a list of entries.")
        nl = _node_lines(node, "categories") or {}
        for cat, items in cats.items():
            if isinstance(items, str):
                items = [items]
            if not isinstance(items, list):
                raise DataError(f"{origin}: category {cat!r} must hold a list of entries, got "
                                f"{type(items).__name__}.")
            cl = nl.get(cat, [None] * len(items)) if isinstance(nl, dict) else [None] * len(items)
            for item, ln in zip(items, cl + [None] * (len(items) - len(cl))):
                rec = ({str(k).lower(): ("" if v is None else str(v)) for k, v in item.items()}
                       if isinstance(item, dict) else {"entry": str(item)})
                rec.setdefault("category", str(cat))
                records.append(rec)
                lines.append(ln)
    else:
        raise DataError(f"{origin}: expected an 'entries' list or a 'categories' mapping; "
                        f"found keys {sorted(map(str, data))}.")
    return _from_records(records, meta, origin, lines)


def _parse_dic(text: str, origin: str, default_name: str) -> Lexicon:
    meta = {"name": default_name}
    lines = text.splitlines()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or lines[i].strip() != "%":
        raise DataError(f"{origin}, line {i + 1}: a LIWC .dic file starts with a '%' line, "
                        "then '<number> <category>' lines, then another '%'.")
    cats: dict[str, str] = {}
    i += 1
    while i < len(lines) and lines[i].strip() != "%":
        s = lines[i].strip()
        if s:
            parts = s.split(None, 1)
            if len(parts) != 2 or not parts[0].isdigit():
                raise DataError(f"{origin}, line {i + 1}: expected '<number> <category>' in "
                                f"the header, got {s!r}.")
            cats[parts[0]] = parts[1].strip()
        i += 1
    if i >= len(lines):
        raise DataError(f"{origin}: the category header is not closed by a second '%' line.")
    records, line_nos = [], []
    for j in range(i + 1, len(lines)):
        s = lines[j].strip()
        if not s:
            continue
        parts = s.split()
        k = len(parts)
        while k > 0 and parts[k - 1].isdigit():
            k -= 1
        word, ids = " ".join(parts[:k]), parts[k:]
        if not word or not ids:
            raise DataError(f"{origin}, line {j + 1}: expected an entry followed by category "
                            f"numbers, got {s!r}.")
        for c in ids:
            if c not in cats:
                raise DataError(f"{origin}, line {j + 1}: category number {c} is not declared "
                                f"in the header (declared: {', '.join(cats)}).")
            records.append({"entry": word, "category": cats[c]})
            line_nos.append(j + 1)
    return _from_records(records, meta, origin, line_nos)


def _where(origin: str, line) -> str:
    return f"{origin}, line {line}" if line else origin


def _from_records(records: list[dict], meta: dict, origin: str, line_nos: list) -> Lexicon:
    meta = dict(meta)
    meta.setdefault("version", "1")
    meta.setdefault("licence", "")
    meta.setdefault("provenance", origin)
    name = meta.get("name") or "custom"
    label = f"{name}@{meta['version']}"
    rows = []
    for rec, ln in zip(records, line_nos):
        rec = {str(k).strip().lower(): ("" if v is None or (isinstance(v, float) and v != v)
                                        else str(v).strip()) for k, v in rec.items()}
        entry = rec.get("entry", "")
        cat = rec.get("category", "") or meta.get("category", "")
        if not entry:
            raise DataError(f"{_where(origin, ln)}: empty entry.")
        if not cat:
            raise DataError(f"{_where(origin, ln)}: entry {entry!r} has no category; give a "
                            "'category' column or a file-level 'category'.")
        match = rec.get("match", "") or "inflect"
        try:
            parse_pattern(entry, match)
        except PatternError as exc:
            raise DataError(f"{_where(origin, ln)}: entry {entry!r}: {exc}.") from None
        rows.append({
            "entry": entry, "category": cat,
            "rationale": rec.get("rationale", ""),
            "provenance": rec.get("provenance", "") or meta["provenance"],
            "licence": rec.get("licence", "") or rec.get("license", "") or meta["licence"],
            "match": match, "subcategory": rec.get("subcategory", ""),
            "lexicon": label, "pattern": entry,
        })
    return Lexicon(_frame(rows), name=name, sources=[meta])
