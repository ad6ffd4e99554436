"""SemEval-2020 Task 11 PTC loader: ``article<ID>.txt`` plus TSV span labels."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .._errors import DataError
from ..corpus import validate_corpus
from ._common import (
    GoldBuilder,
    check_dir,
    check_span,
    not_dataset,
    read_lines,
    read_text,
    unmatched_frame,
    warn,
)

__all__ = ["load_ptc"]

_ARTICLE = re.compile(r"^article(\d+)\.txt$")
_EXPECTED = (
    "train-articles/ (or <split>-articles/) with article<ID>.txt files, and span labels: "
    "train-labels-task2-technique-classification/article<ID>.task2-TC.labels "
    "(<ID>\\t<technique>\\t<start>\\t<end>), train-labels-task1-span-identification/ "
    "(<ID>\\t<start>\\t<end>) or one labels file such as train-task2-TC.labels"
)
_UNMATCHED_COLUMNS = ("doc_id", "label", "start", "end", "file", "line", "reason")


def load_ptc(
    path: str | os.PathLike,
    *,
    techniques: Iterable[str] | None = None,
    labels: str | os.PathLike | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load the SemEval-2020 Task 11 Propaganda Techniques Corpus as ``(corpus, gold)``.

    Parameters
    ----------
    path : str or path
        The PTC folder.  Articles are ``<split>-articles/article<ID>.txt`` (every
        ``*-articles`` folder is read; the prefix becomes the ``split`` column), or
        ``article<ID>.txt`` files directly in ``path``.  Labels are found, per split, in
        this order: a per-article folder ``<split>-labels-task2-technique-classification/``
        (``<ID>\\t<technique>\\t<start>\\t<end>``), a single technique file
        (``<split>-task2-TC.labels``), a per-article folder
        ``<split>-labels-task1-span-identification/`` (``<ID>\\t<start>\\t<end>``) or a
        single span file (``<split>-task1-SI.labels``).  Technique labels win over span
        labels when both are present, as they carry the same spans and more information.
    techniques : iterable of str, optional
        Keep only these techniques, e.g. ``["Loaded_Language", "Name_Calling,Labeling"]``
        (matched ignoring case, with spaces read as underscores).  Needs technique labels.
    labels : str or path, optional
        One labels file (technique or span, detected by its column count) to use instead of
        discovering labels; its rows refer to articles by ``<ID>``.

    Returns
    -------
    corpus : pandas.DataFrame
        A validated corpus: ``id`` = the article ``<ID>`` (as in the label files), ``outlet``
        = ``"ptc"`` (the release does not name outlets), ``text`` = the file verbatim (title
        on the first line, then an empty line, then one sentence per line), ``title`` = the
        first line, ``split``.
    gold : pandas.DataFrame
        One row per labelled span: ``layer="propaganda"``, ``role="span"``, ``label`` = the
        technique (``"propaganda"`` for span-only labels), ``ann_id`` = ``"P1"``, ``"P2"``
        ... in label-file order within each article (numbered before ``techniques=``
        filtering, so an id names the same span whatever the filter); extra column
        ``task`` (``"TC"`` or ``"SI"``).  Labels for an article that is not in the folder
        are listed in ``gold.attrs["unmatched"]`` and reported in one warning.

    Raises
    ------
    framing.DataError
        ``path`` is not PTC data, a label line is malformed or out of the article's range,
        or ``techniques=`` names a technique absent from the labels.

    References
    ----------
    .. [1] Da San Martino, G., Barrón-Cedeño, A., Wachsmuth, H., Petrov, R., & Nakov, P.
       (2020). SemEval-2020 Task 11: Detection of Propaganda Techniques in News Articles.
       In *Proceedings of the Fourteenth Workshop on Semantic Evaluation*, 1377-1414.
    .. [2] Da San Martino, G., Yu, S., Barrón-Cedeño, A., Petrov, R., & Nakov, P. (2019).
       Fine-Grained Analysis of Propaganda in News Articles. In *Proceedings of
       EMNLP-IJCNLP 2019*, 5636-5646.

    Examples
    --------
    >>> import framing
    >>> corpus, gold = framing.datasets.load_ptc(
    ...     "../shared/data/ptc", techniques=["Loaded_Language"])  # doctest: +SKIP
    """
    root = check_dir(path, dataset="PTC", expected=_EXPECTED)
    if root.is_file():
        raise not_dataset(root, dataset="PTC", expected=_EXPECTED)
    splits = _article_dirs(root)
    if not splits:
        raise not_dataset(root, dataset="PTC", expected=_EXPECTED)

    rows: list[dict] = []
    texts: dict[str, str] = {}
    for split, folder, files in splits:
        for aid, f in files:
            if aid in texts:
                raise DataError(f"{f}: article {aid} appears in two folders; each article ID "
                                "must be unique across splits.")
            text = read_text(f)
            texts[aid] = text
            rows.append({"id": aid, "outlet": "ptc", "text": text,
                         "title": text.split("\n", 1)[0].strip(), "split": split})

    if labels is not None:
        lab = Path(labels)
        if not lab.is_file():
            raise DataError(f"labels={str(labels)!r}: no such file. Give a labels file such as "
                            "train-task2-TC.labels (<ID>\\t<technique>\\t<start>\\t<end>).")
        sources = [(lab.name, [lab])]
    else:
        sources = [(folder.name, _label_files(root, split)) for split, folder, _ in splits]
    label_lines: list[tuple[Path, int, list[str]]] = []
    unlabelled = []
    for name, files in sources:
        if not files:
            unlabelled.append(name)
        for lf in files:
            for lineno, line in enumerate(read_lines(lf), 1):
                if line.strip():
                    label_lines.append((lf, lineno, line.split("\t")))
    if unlabelled:
        warn(f"PTC: no labels found for {', '.join(unlabelled)} in {root}; those articles "
             "are loaded without gold rows.", stacklevel=3)

    task = "TC" if any(len(p) == 4 for _, _, p in label_lines) else "SI"
    width = 4 if task == "TC" else 3
    for lf, lineno, parts in label_lines:
        if len(parts) != width:
            raise DataError(
                f"{lf}, line {lineno}: {len(parts)} tab-separated fields; expected 4 "
                "(<ID>, <technique>, <start>, <end>) or 3 (<ID>, <start>, <end>), the same "
                "in every labels file."
            )
    wanted = _wanted(techniques, task, label_lines)

    gold = GoldBuilder(("task",))
    unmatched: list[dict] = []
    counters: dict[str, int] = {}
    for lf, lineno, parts in label_lines:
        where = f"{lf}, line {lineno}"
        aid = parts[0].strip()
        label = parts[1].strip() if task == "TC" else "propaganda"
        try:
            s, e = int(parts[-2]), int(parts[-1])
        except ValueError:
            raise DataError(f"{where}: start and end must be integers; got "
                            f"{parts[-2]!r} and {parts[-1]!r}.") from None
        n = counters.get(aid, 0) + 1  # numbered before filtering: ids stay stable
        counters[aid] = n
        if wanted is not None and label not in wanted:
            continue
        text = texts.get(aid)
        if text is None:
            unmatched.append({"doc_id": aid, "label": label, "start": s, "end": e,
                              "file": lf.name, "line": lineno, "reason": "no such article"})
            continue
        check_span(s, e, len(text), where=f"{where} (article {aid})")
        gold.add(aid, f"P{n}", "propaganda", "span", s, e, text[s:e], label, None, task=task)
    frame = gold.frame()
    frame.attrs["unmatched"] = unmatched_frame(unmatched, _UNMATCHED_COLUMNS)
    if unmatched:
        warn(f"PTC: {len(unmatched)} label(s) refer to articles not in {root}; they are listed "
             "in gold.attrs['unmatched'].", stacklevel=3)
    corpus = validate_corpus(pd.DataFrame(rows), origin=str(root))
    return corpus, frame


def _article_dirs(root: Path) -> list[tuple[str, Path, list[tuple[str, Path]]]]:
    out = []
    for d in sorted(p for p in root.iterdir() if p.is_dir() and p.name.endswith("-articles")):
        files = _articles(d)
        if not files:
            raise not_dataset(d, dataset="PTC", expected="article<ID>.txt files")
        out.append((d.name[: -len("-articles")], d, files))
    if not out:
        files = _articles(root)
        if files:
            out.append((root.name, root, files))
    return out


def _articles(d: Path) -> list[tuple[str, Path]]:
    found = []
    for p in sorted(d.iterdir()):
        m = _ARTICLE.match(p.name)
        if m and p.is_file():
            found.append((m.group(1), p))
    return found


def _label_files(root: Path, split: str) -> list[Path]:
    """Label files for one split, technique labels first (see load_ptc)."""
    entries = sorted(root.iterdir())
    prefix = split.lower()

    def ours(p: Path) -> bool:
        return p.name.lower().startswith(prefix) or prefix == root.name.lower()

    def folder(marker: str) -> list[Path]:
        for d in entries:
            if d.is_dir() and ours(d) and marker in d.name.lower():
                files = sorted(d.glob("*.labels"))
                if files:
                    return files
        return []

    def single(markers: tuple[str, ...]) -> list[Path]:
        for f in entries:
            low = f.name.lower()
            if f.is_file() and ours(f) and low.endswith((".labels", ".txt")) \
                    and not _ARTICLE.match(f.name) and any(m in low for m in markers):
                return [f]
        return []

    return (folder("task2") or single(("task2", "-tc")) or folder("task1")
            or single(("task1", "-si")))


def _wanted(techniques, task: str, label_lines) -> set[str] | None:
    if techniques is None:
        return None
    if isinstance(techniques, str):
        techniques = [techniques]
    techniques = list(techniques)
    if task != "TC":
        raise DataError(
            f"techniques={techniques!r} needs technique labels (task 2, "
            "<ID>\\t<technique>\\t<start>\\t<end>), but only span labels (task 1) were found. "
            "Add the task2 labels folder or pass techniques=None."
        )
    present = sorted({p[1].strip() for _, _, p in label_lines})
    index = {_tkey(t): t for t in present}
    chosen, unknown = set(), []
    for t in techniques:
        hit = index.get(_tkey(t))
        if hit is None:
            unknown.append(t)
        else:
            chosen.add(hit)
    if unknown:
        raise DataError(f"techniques: {unknown} not in the labels; the techniques present are "
                        f"{present}.")
    return chosen


def _tkey(name: str) -> str:
    return re.sub(r"[\s_]+", "_", str(name).strip().lower())
