"""The small real corpora that ship inside the package (they work from an installed wheel).

The files live in ``framing/datasets/corpora/<name>/`` with a ``DATASHEET.md`` each and an
``index.csv`` that :func:`list` reads; ``tools/build_corpora.py`` builds them from the
project's shared sources.  The repository's top-level ``corpora/`` points to the same folder.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from framing._errors import ResourceNotFoundError

__all__ = ["list", "load", "path"]

_INDEX_COLUMNS = ["name", "n_documents", "outlets", "licence", "description"]


def _root() -> Path:
    # importlib.resources gives a real directory for a regular (unzipped) install and for
    # an editable checkout; zipped imports are not supported for package data here.
    return Path(str(resources.files("framing.datasets") / "corpora"))


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], ...]:
    with open(_root() / "index.csv", encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def _entry(name: str) -> dict[str, str]:
    if not isinstance(name, str):
        raise TypeError(
            f"name must be the name of a shipped corpus (a string); got {type(name).__name__}. "
            f"Available: {', '.join(r['name'] for r in _index())}."
        )
    for row in _index():
        if row["name"] == name:
            return row
    names = [r["name"] for r in _index()]
    hint = ""
    close = [n for n in names if name.lower().replace("_", "-") == n]
    if close:
        hint = f" Did you mean {close[0]!r}?"
    raise ResourceNotFoundError(
        f"no shipped corpus named {name!r}.{hint} Available corpora: {', '.join(names)} "
        "(see framing.datasets.list()). To read your own corpus use "
        "framing.read_corpus(path)."
    )


def list() -> pd.DataFrame:  # noqa: A001 - the public name mirrors the issue's API
    """List the corpora shipped with framing.

    Returns
    -------
    pandas.DataFrame
        One row per corpus with columns ``name``, ``n_documents``, ``outlets`` (the number
        of distinct outlets), ``licence`` and ``description``.  Each corpus has a datasheet
        (``DATASHEET.md``) beside its file, see :func:`path`.

    See Also
    --------
    load : read one of them as a validated corpus.

    Examples
    --------
    >>> import framing
    >>> shipped = framing.datasets.list()
    >>> shipped[["name", "n_documents", "outlets"]].values.tolist()
    [['seed', 1, 1], ['syria-2016', 12, 6], ['wikinews', 295, 1]]
    """
    rows = [
        {
            "name": r["name"], "n_documents": int(r["n_documents"]),
            "outlets": int(r["outlets"]), "licence": r["licence"],
            "description": r["description"],
        }
        for r in _index()
    ]
    return pd.DataFrame(rows, columns=_INDEX_COLUMNS)


def path(name: str) -> Path:
    """Return the path of a shipped corpus's data file.

    Parameters
    ----------
    name : str
        A shipped corpus name, one of ``framing.datasets.list()["name"]``.

    Returns
    -------
    pathlib.Path
        The JSONL (or gzip-compressed JSONL) file; its ``DATASHEET.md`` is in the same
        folder.  The file can be passed to :func:`framing.read_corpus` or
        :func:`framing.iter_corpus`.

    Raises
    ------
    framing.ResourceNotFoundError
        ``name`` is not a shipped corpus; the message lists the available ones.

    Examples
    --------
    >>> import framing
    >>> framing.datasets.path("wikinews").name
    'wikinews.jsonl.gz'
    >>> (framing.datasets.path("seed").parent / "DATASHEET.md").is_file()
    True
    """
    entry = _entry(name)
    file = _root() / entry["file"]
    if not file.is_file():  # pragma: no cover - a broken install
        raise ResourceNotFoundError(
            f"the shipped corpus {name!r} is listed but its file {file} is missing; "
            "reinstall framing (or rebuild with tools/build_corpora.py in a checkout)."
        )
    return file


def load(name: str) -> pd.DataFrame:
    """Load a shipped corpus as a validated corpus DataFrame.

    Parameters
    ----------
    name : str
        ``"seed"`` (the founding Press TV article), ``"syria-2016"`` (reports of the same
        Feb 2016 and Jan 2020 events from several outlets, mostly leads) or ``"wikinews"``
        (295 English Wikinews articles, CC BY 2.5).  ``framing.datasets.list()`` shows them.

    Returns
    -------
    pandas.DataFrame
        A fresh copy each call, read with :func:`framing.read_corpus`: the schema columns
        ``id, outlet, text, title, date, url`` (and ``event`` where the corpus has events),
        the corpus's own columns (``licence`` and ``attribution`` on every record), and
        ``status``.

    Raises
    ------
    framing.ResourceNotFoundError
        ``name`` is not a shipped corpus; the message lists the available ones.

    Notes
    -----
    Keep the ``licence`` and ``attribution`` of a record when you reuse its text; each
    corpus's ``DATASHEET.md`` gives the source, how it was collected and its limits.

    Examples
    --------
    >>> import framing
    >>> seed = framing.datasets.load("seed")
    >>> seed.loc[0, ["id", "outlet"]].tolist()
    ['presstv-20160212-founding', 'Press TV']
    >>> syria = framing.datasets.load("syria-2016")
    >>> "Press TV" in set(syria["outlet"]), bool(syria["lead"].any())
    (True, True)
    >>> framing.datasets.load("wikinews")["date"].dt.year.value_counts().sort_index().to_dict()
    {2019: 171, 2020: 122, 2021: 2}
    """
    return _load_cached(_entry(name)["name"]).copy()


@lru_cache(maxsize=None)
def _load_cached(name: str) -> pd.DataFrame:
    from framing.corpus import read_corpus

    return read_corpus(path(name))
