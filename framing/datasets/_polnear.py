"""PolNeAR loader: the brat release and the JSONL export, as ``(corpus, gold)``."""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import DataError
from ..corpus import validate_corpus
from ._common import (
    GoldBuilder,
    check_dir,
    check_span,
    not_dataset,
    read_bytes,
    read_text,
    unmatched_frame,
    warn,
)

__all__ = ["load_polnear"]

_ROLES = ("source", "cue", "content")
_SPLITS = ("train", "dev", "test")
_QUOTE_CHARS = re.compile('["\u201c\u201d]')
_ID_PARTS = re.compile(r"^(?P<outlet>[a-z][a-z0-9-]*)_(?P<date>\d{4}-\d{2}-\d{2})_")
_EXPECTED = (
    "the brat release (data/<split>/text/*.txt and data/<split>/attributions/"
    "*_<annotator>.ann, plus data/metadata.tsv) or the JSONL export (a folder holding "
    "train.jsonl / dev.jsonl, or one .jsonl file)"
)
_UNMATCHED_COLUMNS = ("doc_id", "ann_id", "annotator", "reason")


def load_polnear(
    path: str | os.PathLike,
    *,
    split: str | None = None,
    annotator: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load PolNeAR (attribution in US election news, 2015-16) as ``(corpus, gold)``.

    Two layouts are accepted:

    * the **brat release**: ``path/data/<split>/text/<id>.txt`` and
      ``path/data/<split>/attributions/<id>_<annotator>.ann`` (brat standoff), plus an
      optional ``path/data/metadata.tsv`` (``path`` may also be the ``data/`` folder);
    * the **JSONL export**: one article per line with ``id, outlet, date, title, text, split,
      annotator, quotes`` (each quote with ``content_spans``, ``source_spans``, ``cue_spans``
      and ``has_quote_marks``); ``path`` is a folder holding ``train.jsonl``/``dev.jsonl``/
      ``test.jsonl`` or a single ``.jsonl`` (``.jsonl.gz``) file.

    Parameters
    ----------
    path : str or path
        The brat root, its ``data/`` folder, a folder of JSONL files, or one JSONL file.
    split : {"train", "dev", "test"}, optional
        Keep only this split (all splits by default).
    annotator : str, optional
        Keep only the annotations of this annotator (and the documents they annotated).

    Returns
    -------
    corpus : pandas.DataFrame
        A validated corpus (``id, outlet, text, title, date`` ... plus ``split`` and
        ``annotator``).  ``annotator`` joins several annotators with ``","`` when a brat
        document has more than one annotation file.
    gold : pandas.DataFrame
        One row per span: ``layer="attribution"``, ``role`` in ``{"source", "cue",
        "content"}``; a discontiguous span gives one row per fragment, all with the same
        ``ann_id`` (the attribution id, e.g. ``"E1"``, unique within a document; prefixed with
        ``"<annotator>:"`` when a document has several annotators).  ``label`` is
        ``"quote_marks"`` when the attribution's content holds a quotation mark
        (``"``, ``\u201c`` or ``\u201d``), else ``"no_quote_marks"``.  Attributions with no
        span at all (annotation artefacts present in the release) cannot be rows; they are
        listed in ``gold.attrs["unmatched"]`` (``doc_id, ann_id, annotator, reason``) and
        reported in one warning.

    Raises
    ------
    framing.DataError
        ``path`` is not PolNeAR data, a span is out of range, or a brat line is malformed.

    Notes
    -----
    Brat conventions assumed (the parser accepts both encodings found in brat projects):

    * ``T`` lines are spans, ``T7<TAB>Source 10 25;30 40<TAB>text``; the role comes from the
      entity type (a type containing ``source``, ``cue`` or ``content``, any case).
      Discontiguous fragments are separated by ``;``.
    * **Event style**: ``E3<TAB>Cue:T2 Source:T1 Content:T3 Content2:T5`` ties the trigger
      and its arguments into one attribution whose id is the event id.  An argument's role
      is its entity's type, or else the argument name without its trailing digits; a
      trigger whose type names no role (``Attribution:T2``) is taken as the cue.
    * **Relation style**: ``R1<TAB>Type Arg1:T2 Arg2:T1``.  Cue and content spans linked by
      relations form one attribution (connected components); a source is attached to
      every attribution it is linked to (a shared source is repeated, not merged).  The
      attribution id is the first cue (else content, else source) ``T`` id.  A relation
      from an event to a span adds the span to that event's attribution.
    * A span that no event or relation links is an attribution of its own.
    * Attributes (``A``/``M`` lines) whose name contains ``quot`` set the quote-mark flag of
      the attribution (values ``false``/``no``/``0`` clear it); other attributes, notes
      (``#``), equivalences (``*``) and normalisations (``N``) are ignored.
    * Offsets are character offsets into the ``.txt`` file read as UTF-8, line ends kept.
      When a ``T`` line's text differs from the ``.txt`` at its offsets, the offsets win and
      one warning gives the count.

    ``metadata.tsv`` is read with its header; the id column is the first of ``id``,
    ``doc_id``, ``file``, ``filename``, ``article``, ``name`` present (else the first column),
    and ``outlet``/``source``, ``date``, ``title``, ``url`` are used when present.  Without
    metadata, outlet and date come from ids shaped ``<outlet>_<YYYY-MM-DD>_<slug>``; a
    metadata file whose first cell is such an id is read as having no header (its other
    columns become ``meta_1``, ``meta_2`` ...).  The split and annotator always come from
    the folder and file names.

    References
    ----------
    .. [1] Newell, E., Margolin, D., & Ruths, D. (2018). An attribution relations corpus for
       political news. In *Proceedings of the Eleventh International Conference on Language
       Resources and Evaluation (LREC 2018)*.

    Examples
    --------
    >>> import framing
    >>> corpus, gold = framing.datasets.load_polnear("../shared/data/polnear",
    ...                                              split="dev")  # doctest: +SKIP
    >>> gold.groupby("role").size()  # doctest: +SKIP
    """
    root = check_dir(path, dataset="PolNeAR", expected=_EXPECTED)
    if split is not None and split not in _SPLITS:
        raise ValueError(
            f"split must be one of {list(_SPLITS)} or None; got {split!r}."
        )
    kind, where = _detect(root)
    if kind == "jsonl":
        docs = _read_jsonl_files(where, split=split)
    else:
        docs = _read_brat(where, split=split)
    return _assemble(docs, origin=str(root), split=split, annotator=annotator)


# ----------------------------------------------------------------------------- layout

def _detect(root: Path) -> tuple[str, Any]:
    if root.is_file():
        if _is_jsonl(root):
            return "jsonl", [root]
        raise not_dataset(root, dataset="PolNeAR", expected=_EXPECTED)
    for base in (root / "data", root):
        if base.is_dir() and _split_dirs(base):
            return "brat", base
    files = sorted(p for p in root.iterdir() if p.is_file() and _is_jsonl(p))
    if files:
        return "jsonl", files
    raise not_dataset(root, dataset="PolNeAR", expected=_EXPECTED)


def _is_jsonl(p: Path) -> bool:
    name = p.name.lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def _split_dirs(base: Path) -> list[Path]:
    return sorted(d for d in base.iterdir() if d.is_dir() and (d / "text").is_dir())


# ------------------------------------------------------------------------------ JSONL

def _read_jsonl_files(files: list[Path], *, split: str | None) -> list[dict]:
    if split is not None and len(files) > 1:
        named = [f for f in files if f.name.split(".")[0].lower() == split]
        if named:
            files = named
    docs: list[dict] = []
    for f in files:
        stem = f.name.split(".")[0].lower()
        raw = read_bytes(f)
        try:
            lines = raw.decode("utf-8-sig").split("\n")
        except UnicodeDecodeError as exc:
            raise DataError(f"{f}: not valid UTF-8 (byte offset {exc.start}).") from None
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{f}, line {lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{where}: invalid JSON ({exc.msg}, column {exc.colno}).") from None
            if not isinstance(rec, dict) or "text" not in rec or "id" not in rec:
                raise DataError(
                    f"{where}: expected a PolNeAR article object with 'id', 'text' and "
                    f"'quotes'; got {_keys(rec)}."
                )
            quotes = rec.pop("quotes", None) or []
            if not isinstance(quotes, list):
                raise DataError(f"{where}: 'quotes' must be a list; got {type(quotes).__name__}.")
            rec.setdefault("split", stem if stem in _SPLITS else None)
            text = rec["text"]
            if not isinstance(text, str):
                raise DataError(f"{where}: 'text' must be a string; got {type(text).__name__}.")
            attributions = []
            for k, q in enumerate(quotes):
                if not isinstance(q, dict):
                    raise DataError(f"{where}: quote {k + 1} must be an object with "
                                    f"content_spans, source_spans, cue_spans; got {q!r:.60}.")
                qid = str(q.get("id") or f"E{k + 1}")
                spans = {}
                for role in _ROLES:
                    frags = []
                    for pair in q.get(f"{role}_spans") or []:
                        try:
                            s, e = int(pair[0]), int(pair[1])
                        except (TypeError, ValueError, IndexError):
                            raise DataError(
                                f"{where}: quote {qid}: {role}_spans must be [start, end] "
                                f"pairs; got {pair!r}."
                            ) from None
                        check_span(s, e, len(text), where=f"{where}, quote {qid} ({role})")
                        frags.append((s, e))
                    spans[role] = frags
                marks = q.get("has_quote_marks")
                attributions.append((qid, spans, None if marks is None else bool(marks)))
            rec["_attributions"] = {rec.get("annotator"): attributions}
            docs.append(rec)
    return docs


def _keys(rec: Any) -> str:
    if isinstance(rec, dict):
        return f"keys {sorted(rec)[:8]}"
    return f"a JSON {type(rec).__name__}"


# ------------------------------------------------------------------------------- brat

def _read_brat(base: Path, *, split: str | None) -> list[dict]:
    dirs = _split_dirs(base)
    if split is not None:
        chosen = [d for d in dirs if d.name == split]
        if not chosen:
            raise DataError(
                f"{base}: no split {split!r}; the splits present are "
                f"{[d.name for d in dirs]}. Pass one of them or split=None."
            )
        dirs = chosen
    meta = _read_metadata(base)
    docs: list[dict] = []
    mismatched = 0
    for d in dirs:
        texts = {p.stem: p for p in sorted((d / "text").glob("*.txt"))}
        if not texts:
            raise not_dataset(d / "text", dataset="PolNeAR",
                              expected="<id>.txt article files in data/<split>/text/")
        ann_dir = d / "attributions" if (d / "attributions").is_dir() else d / "text"
        anns: dict[str, list[tuple[str | None, Path]]] = {}
        orphans = []
        for a in sorted(ann_dir.glob("*.ann")):
            doc_id, who = _ann_owner(a.stem, texts)
            if doc_id is None:
                orphans.append(a.name)
                continue
            anns.setdefault(doc_id, []).append((who, a))
        if orphans:
            raise DataError(
                f"{ann_dir}: {len(orphans)} annotation file(s) match no article in "
                f"{d / 'text'} (e.g. {orphans[0]!r}); expected <id>_<annotator>.ann next to "
                "<id>.txt."
            )
        for doc_id, tpath in texts.items():
            text = read_text(tpath)
            rec: dict[str, Any] = {"id": doc_id, "outlet": None, "text": text,
                                   "split": d.name}
            m = _ID_PARTS.match(doc_id)
            if m:
                rec["outlet"], rec["date"] = m["outlet"], m["date"]
            rec.update({k: v for k, v in meta.get(doc_id, {}).items()
                        if k not in ("id", "text", "split", "annotator")})
            per_annotator: dict[Any, list] = {}
            for who, a in anns.get(doc_id, []):
                attributions, bad = _parse_ann(a, text)
                mismatched += bad
                per_annotator[who] = attributions
            rec["_attributions"] = per_annotator
            rec["annotator"] = ",".join(sorted(str(w) for w in per_annotator if w)) or None
            docs.append(rec)
    if mismatched:
        warn(f"PolNeAR brat: {mismatched} span(s) have a T-line text that differs from the "
             ".txt at their offsets; the offsets were kept and the text taken from the .txt.")
    return docs


def _ann_owner(stem: str, texts: dict[str, Path]) -> tuple[str | None, str | None]:
    if "_" in stem:
        doc_id, who = stem.rsplit("_", 1)
        if doc_id in texts:
            return doc_id, who
    if stem in texts:
        return stem, None
    return None, None


def _read_metadata(base: Path) -> dict[str, dict]:
    for cand in (base / "metadata.tsv", base.parent / "metadata.tsv"):
        if cand.is_file():
            break
    else:
        return {}
    text = read_text(cand).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    if not rows:
        return {}
    header = [h.strip().lower() for h in rows[0]]
    first = 2
    if _ID_PARTS.match(header[0] if header else ""):  # no header row: the first cell is an id
        header = ["id"] + [f"meta_{i}" for i in range(1, len(rows[0]))]
        first = 1
    id_col = next((header.index(c) for c in
                   ("id", "doc_id", "file", "filename", "article", "name") if c in header), 0)
    rename = {"source": "outlet", "publisher": "outlet"}
    out: dict[str, dict] = {}
    for lineno, row in enumerate(rows[first - 1:], first):
        if not any(row):
            continue
        if len(row) != len(header):
            raise DataError(f"{cand}, line {lineno}: {len(row)} fields, expected "
                            f"{len(header)} as in the header {header}.")
        doc_id = re.sub(r"\.(txt|ann)$", "", row[id_col].strip())
        fields = {}
        for i, (h, v) in enumerate(zip(header, row)):
            if i == id_col or not h:
                continue
            h = rename.get(h, h)
            if h in fields and h == "outlet":
                continue
            fields[h] = v if v != "" else None
        out[doc_id] = fields
    return out


def _parse_ann(path: Path, text: str) -> tuple[list, int]:
    """Parse one brat .ann into [(ann_id, {role: [(s, e)]}, quote_flag)], mismatch count."""
    spans: dict[str, tuple[str | None, list[tuple[int, int]]]] = {}
    events: dict[str, list[tuple[str, str]]] = {}  # E id -> [(arg name, T/E id)]
    relations: list[tuple[str, str]] = []
    flags: dict[str, bool] = {}
    mismatched = 0
    n = len(text)
    for lineno, line in enumerate(read_text(path).lstrip("\ufeff").splitlines(), 1):
        if not line.strip() or line[0] in "#*N":
            continue
        where = f"{path}, line {lineno}"
        parts = line.split("\t")
        ident = parts[0].strip()
        body = parts[1].strip() if len(parts) > 1 else ""
        kind = ident[:1]
        try:
            if kind == "T":
                etype, _, offs = body.partition(" ")
                frags = []
                for piece in offs.split(";"):
                    s_str, e_str = piece.split()
                    s, e = int(s_str), int(e_str)
                    check_span(s, e, n, where=f"{where} ({ident})")
                    frags.append((s, e))
                if len(parts) > 2 and " ".join(text[s:e] for s, e in frags) != parts[2]:
                    mismatched += len(frags)
                spans[ident] = (_role(etype), frags)
            elif kind == "E":
                args = body.split()
                events[ident] = [tuple(a.split(":", 1)) for a in args]  # type: ignore[misc]
                if any(len(a) != 2 for a in events[ident]):
                    raise ValueError
            elif kind == "R":
                bits = body.split()
                ends = [b.split(":", 1)[1] for b in bits[1:3]]
                if len(ends) != 2:
                    raise ValueError
                relations.append((ends[0], ends[1]))
            elif kind in "AM":
                bits = body.split()
                if len(bits) < 2:
                    raise ValueError
                if "quot" in bits[0].lower():
                    value = bits[2].lower() if len(bits) > 2 else "true"
                    flags[bits[1]] = value not in ("false", "no", "0", "none")
            else:
                raise ValueError
        except DataError:
            raise
        except (ValueError, IndexError):
            raise DataError(
                f"{where}: malformed brat line {line[:60]!r}; expected e.g. "
                "'T1<TAB>Source 10 25;30 40<TAB>text', 'E1<TAB>Cue:T2 Source:T1 Content:T3' "
                "or 'R1<TAB>Type Arg1:T1 Arg2:T2'."
            ) from None
    return _group(spans, events, relations, flags, path), mismatched


def _role(etype: str) -> str | None:
    low = etype.lower()
    for role in _ROLES:
        if role in low:
            return role
    return None


def _group(spans, events, relations, flags, path) -> list:
    used: set[str] = set()
    attributions: list[tuple[str, dict, Any]] = []
    members: dict[str, dict[str, list]] = {}
    for eid, args in events.items():
        roles: dict[str, list] = {r: [] for r in _ROLES}
        for i, (name, ref) in enumerate(args):
            if ref not in spans:
                continue  # nested events or unknown ids carry no span of their own
            role = spans[ref][0] or _role(re.sub(r"\d+$", "", name))
            if role is None and i == 0:
                role = "cue"  # an untyped trigger ("Attribution:T2") is the cue
            if role:
                roles[role].extend(spans[ref][1])
                used.add(ref)
        members[eid] = roles
    # relations: spans joined to events, then cue/content components with sources as leaves
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    source_links: list[tuple[str, str]] = []
    for a, b in relations:
        if a in events or b in events:
            eid, other = (a, b) if a in events else (b, a)
            if other in spans and spans[other][0]:
                members[eid][spans[other][0]].extend(spans[other][1])
                used.add(other)
            continue
        if a not in spans or b not in spans:
            continue
        ra, rb = spans[a][0], spans[b][0]
        if ra is None or rb is None:
            continue
        if ra == "source" and rb == "source":
            continue
        if ra == "source" or rb == "source":
            source_links.append((a, b) if ra == "source" else (b, a))
            continue
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[find(a)] = find(b)
    components: dict[str, list[str]] = {}
    for t in parent:
        components.setdefault(find(t), []).append(t)
    comp_sources: dict[str, list[str]] = {}
    for src, other in source_links:
        if other in parent:
            comp_sources.setdefault(find(other), []).append(src)
        else:  # a source linked only to an unlinked cue/content: a two-span attribution
            parent[other] = other
            components[other] = [other]
            comp_sources.setdefault(other, []).append(src)
    for eid, roles in members.items():
        flag = flags.get(eid)
        attributions.append((eid, roles, flag))
    for root, ts in components.items():
        ts = sorted(set(ts) | set(comp_sources.get(root, [])), key=_tnum)
        roles = {r: [] for r in _ROLES}
        for t in ts:
            roles[spans[t][0]].extend(spans[t][1])
            used.add(t)
        ann_id = next(t for r in ("cue", "content", "source") for t in ts if spans[t][0] == r)
        flag = next((flags[t] for t in ts if t in flags), None)
        attributions.append((ann_id, roles, flag))
    for t, (role, frags) in sorted(spans.items(), key=lambda kv: _tnum(kv[0])):
        if t not in used and role:
            roles = {r: [] for r in _ROLES}
            roles[role] = list(frags)
            attributions.append((t, roles, flags.get(t)))
    return attributions


def _tnum(ident: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", ident)
    return (int(digits) if digits else 0, ident)


# ----------------------------------------------------------------------------- output

def _assemble(docs: list[dict], *, origin: str, split: str | None,
              annotator: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    if split is not None:
        present = sorted({str(d.get("split")) for d in docs})
        docs = [d for d in docs if d.get("split") == split]
        if not docs:
            raise DataError(f"{origin}: no document in split {split!r}; the splits present "
                            f"are {present}.")
    if annotator is not None:
        present = sorted({str(w) for d in docs for w in d["_attributions"] if w})
        kept = []
        for d in docs:
            if annotator in d["_attributions"]:
                d["_attributions"] = {annotator: d["_attributions"][annotator]}
                d["annotator"] = annotator
                kept.append(d)
        if not kept:
            raise DataError(f"{origin}: no document annotated by {annotator!r}; the "
                            f"annotators present are {present}.")
        docs = kept
    gold = GoldBuilder()
    unmatched: list[dict] = []
    rows = []
    for d in docs:
        per = d.pop("_attributions")
        text = d["text"]
        several = len(per) > 1
        for who, attributions in per.items():
            for ann_id, roles, flag in attributions:
                aid = f"{who}:{ann_id}" if several else ann_id
                if flag is None:
                    flag = any(_QUOTE_CHARS.search(text, s, e) for s, e in roles["content"])
                label = "quote_marks" if flag else "no_quote_marks"
                if not any(roles.values()):
                    unmatched.append({"doc_id": d["id"], "ann_id": aid, "annotator": who,
                                      "reason": "attribution has no span"})
                    continue
                for role in _ROLES:
                    for s, e in roles[role]:
                        gold.add(d["id"], aid, "attribution", role, s, e, text[s:e], label, who)
        rows.append(d)
    corpus = validate_corpus(pd.DataFrame(rows), origin=origin)
    frame = gold.frame()
    frame.attrs["unmatched"] = unmatched_frame(unmatched, _UNMATCHED_COLUMNS)
    if unmatched:
        warn(f"PolNeAR: {len(unmatched)} attribution(s) have no span at all and cannot be "
             "gold rows; they are listed in gold.attrs['unmatched'].")
    return corpus, frame
