"""Classroom exercises: answer checks, agreement between coders, and a span annotator.

Three exercises ship with framing (``notebooks/classroom/``), each with its texts and
answer key stored as package data (``framing/data/classroom/``):

* ``"hand-coding"`` — hand-code quotes and loaded terms in ten sentences, compute
  Krippendorff's alpha between coders, then the tool's precision and recall against the
  coders' consensus;
* ``"sources-balance"`` — who is quoted in two reports of the same event from different
  outlets, and the balance of sides, by hand and then with the tool;
* ``"critique"`` — find where the tool is wrong on sentences built to be hard, and explain
  why.

Every ``check_*`` function returns a :class:`Result` that prints ``✓ right``,
``✗ wrong: <hint>`` or ``… not answered yet``, and has a boolean ``ok``.  An unanswered
exercise (``None``, ``...`` or an empty container) never raises, so a student notebook
runs top to bottom before any cell is filled in.

Checks that involve the tool (precision and recall, critique) recompute the tool's
output when they run, so the keys stay right as the tool improves.

Examples
--------
>>> from framing import classroom
>>> ex = classroom.load_exercise("hand-coding")
>>> len(ex.corpus), sorted(ex.coders["coder"].unique())
(10, ['A', 'B', 'C'])
>>> round(classroom.krippendorff_alpha(ex.coders), 3)
0.634
>>> classroom.check_alpha(None)
… not answered yet: compute alpha between coders A, B and C and pass it to check_alpha.
>>> classroom.check_alpha(0.1).ok
False

References
----------
Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
for Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43

Artstein, R., & Poesio, M. (2008). Inter-coder agreement for computational linguistics.
Computational Linguistics, 34(4), 555-596.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from ._annotator import Annotator, export_gold
from ._errors import DataError, ResourceNotFoundError

__all__ = [
    "Annotator",
    "Exercise",
    "Result",
    "annotate",
    "check",
    "check_alpha",
    "check_balance",
    "check_consensus",
    "check_critique",
    "check_loaded",
    "check_precision_recall",
    "check_quotes",
    "check_sources",
    "export_gold",
    "krippendorff_alpha",
    "list_exercises",
    "load_exercise",
    "tool_errors",
    "tool_sentence_quotes",
]

EXERCISES = ("hand-coding", "sources-balance", "critique")
_MISSING = (None, "", ".")


# ============================================================================ results
@dataclass(frozen=True)
class Result:
    """The outcome of a check: ``ok`` (bool), whether it was ``answered``, and a message.

    It prints as ``✓ right``, ``✗ wrong: <hint>`` or ``… not answered yet: <what to do>``;
    ``bool(result)`` is ``result.ok``.
    """

    ok: bool
    answered: bool = True
    message: str = ""
    hints: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        if not self.answered:
            return f"… not answered yet: {self.message}"
        head = "✓ right" if self.ok else "✗ wrong"
        text = f"{head}: {self.message}" if self.message else head
        if self.hints:
            text += "".join(f"\n  - {h}" for h in self.hints)
        return text

    __repr__ = __str__


def _right(message: str = "") -> Result:
    return Result(True, True, message)


def _wrong(message: str, hints: Iterable[str] = ()) -> Result:
    return Result(False, True, message, tuple(hints))


def _unanswered(message: str) -> Result:
    return Result(False, False, message)


def _is_empty(value: Any) -> bool:
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, pd.DataFrame):
        return value.empty
    if isinstance(value, Mapping):
        return not value or all(_is_empty(v) for v in value.values())
    if isinstance(value, (list, tuple, set)):
        return len(value) == 0
    return False


# ============================================================================ exercises
@dataclass
class Exercise:
    """One exercise: its texts as a corpus, the coders' codes (hand-coding) and the key."""

    name: str
    title: str
    corpus: pd.DataFrame
    key: dict
    coders: pd.DataFrame | None = None

    @property
    def gold(self) -> pd.DataFrame:
        """The key's quotes and loaded terms as a gold table (``doc_id, ann_id, layer, role,
        start, end, text, label, annotator``); offsets of loaded terms into each text."""
        return _key_gold(self)

    def __repr__(self) -> str:
        return f"Exercise({self.name!r}: {self.title}; {len(self.corpus)} text(s))"


def list_exercises() -> pd.DataFrame:
    """The shipped exercises with their title, licence and provenance.

    Examples
    --------
    >>> from framing import classroom
    >>> classroom.list_exercises()["name"].tolist()
    ['hand-coding', 'sources-balance', 'critique']
    """
    rows = []
    for name in EXERCISES:
        key = _key(name)
        rows.append({"name": name, "title": key["title"], "licence": key["licence"],
                     "provenance": " ".join(str(key["provenance"]).split())})
    return pd.DataFrame(rows)


@cache
def _key(name: str) -> dict:
    import yaml

    if name not in EXERCISES:
        raise ResourceNotFoundError(
            f"exercise: no exercise {name!r}; available: {', '.join(EXERCISES)}."
        )
    src = resources.files("framing.data.classroom").joinpath(f"{name}.yaml")
    return yaml.safe_load(src.read_text(encoding="utf-8"))


@cache
def _exercise(name: str) -> Exercise:
    from .corpus import validate_corpus

    key = _key(name)
    coders = None
    if name == "sources-balance":
        from . import datasets

        full = datasets.load(key["corpus"])
        ids = [d["id"] for d in key["documents"]]
        missing = sorted(set(ids) - set(full["id"]))
        if missing:
            raise ResourceNotFoundError(
                f"exercise {name!r}: documents {missing} are not in the shipped corpus "
                f"{key['corpus']!r}; it has {full['id'].tolist()}."
            )
        corpus = full.set_index("id").loc[ids].reset_index()
    else:
        corpus = pd.DataFrame(
            [{"id": s["id"], "outlet": "classroom", "text": s["text"]}
             for s in key["sentences"]]
        )
        corpus = validate_corpus(corpus, origin=f"the {name} exercise")
    if name == "hand-coding":
        coders = _read_coders(f"{name}-coders.csv")
    return Exercise(name=name, title=key["title"], corpus=corpus, key=key, coders=coders)


def load_exercise(name: str) -> Exercise:
    """Load an exercise: ``.corpus`` (its texts as a validated corpus), ``.key``,
    ``.coders`` (hand-coding only) and ``.gold``.

    Parameters
    ----------
    name : {"hand-coding", "sources-balance", "critique"}

    Examples
    --------
    >>> from framing import classroom
    >>> ex = classroom.load_exercise("sources-balance")
    >>> ex.corpus["outlet"].tolist()
    ['U.S. Department of State', 'Tasnim News Agency']
    """
    ex = _exercise(name)
    return Exercise(name=ex.name, title=ex.title, corpus=ex.corpus.copy(), key=ex.key,
                    coders=None if ex.coders is None else ex.coders.copy())


def _read_coders(filename: str) -> pd.DataFrame:
    src = resources.files("framing.data.classroom").joinpath(filename)
    with src.open("r", encoding="utf-8") as fh:
        frame = pd.read_csv(fh, comment="#", dtype=str, keep_default_na=False)
    frame["label"] = frame["label"].where(frame["label"] != "", None)
    return frame


# ============================================================================ alpha
def krippendorff_alpha(codings: Any, *, distance: str = "nominal") -> float:
    """Krippendorff's alpha between coders, computed with NLTK's ``AnnotationTask``.

    Parameters
    ----------
    codings : DataFrame, iterable of triples, or dict
        * a long DataFrame with columns ``coder, unit, label`` (one row per code);
        * an iterable of ``(coder, unit, label)`` triples (NLTK's own format);
        * a dict ``{coder: [label, label, ...]}`` (the position is the unit) or
          ``{coder: {unit: label}}``.

        A missing value (the coder skipped the unit) is ``None``, NaN, ``""`` or ``"."``;
        it is dropped, and units coded by fewer than two coders do not count, as in
        Krippendorff (2011).
    distance : {"nominal", "interval"}, default "nominal"
        ``nominal`` for categories (NLTK's ``binary_distance``), ``interval`` for numbers.

    Returns
    -------
    float
        alpha: 1 is perfect agreement, 0 is agreement at chance level, negative values
        are systematic disagreement.  When every pairable value is the same, NLTK (and
        this function) returns 1.0.

    Raises
    ------
    framing.DataError
        Fewer than two coders, no unit coded by two coders, or a malformed input.

    Examples
    --------
    Krippendorff's (2011) worked example: four coders, twelve units, missing values.

    >>> from framing.classroom import krippendorff_alpha
    >>> codes = {
    ...     "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    ...     "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    ...     "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    ...     "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ... }
    >>> round(krippendorff_alpha(codes), 3)
    0.743

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
    https://repository.upenn.edu/asc_papers/43
    """
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, interval_distance

    distances = {"nominal": binary_distance, "interval": interval_distance}
    if distance not in distances:
        raise DataError(
            f"distance: expected one of {sorted(distances)}, got {distance!r}. "
            "Use 'nominal' for categories such as quote kinds."
        )
    triples = _triples(codings)
    if distance == "interval":
        try:
            triples = [(c, u, float(v)) for c, u, v in triples]
        except (TypeError, ValueError) as exc:
            raise DataError(
                f"codings: distance='interval' needs numeric labels ({exc}). "
                "Use distance='nominal' for categories."
            ) from None
    coders = {c for c, _, _ in triples}
    if len(coders) < 2:
        raise DataError(
            f"codings: expected codes from at least two coders, got {len(coders)} "
            f"({sorted(map(str, coders))}). Alpha measures agreement between coders."
        )
    per_unit = Counter(u for _, u, _ in triples)
    if not any(n >= 2 for n in per_unit.values()):
        raise DataError(
            "codings: no unit was coded by two or more coders, so there is nothing to "
            "compare. Check that the unit ids match across coders."
        )
    task = AnnotationTask(data=triples, distance=distances[distance])
    return float(task.alpha())


def _triples(codings: Any) -> list[tuple[str, str, Any]]:
    out: list[tuple[str, str, Any]] = []
    if isinstance(codings, pd.DataFrame):
        missing = {"coder", "unit", "label"} - set(codings.columns)
        if missing:
            raise DataError(
                f"codings: a DataFrame needs the columns coder, unit, label; missing "
                f"{sorted(missing)} (columns: {list(codings.columns)}). Rename them, e.g. "
                "frame.rename(columns={'annotator': 'coder'})."
            )
        rows = codings[["coder", "unit", "label"]].itertuples(index=False, name=None)
    elif isinstance(codings, Mapping):
        rows = []
        for coder, codes in codings.items():
            if isinstance(codes, Mapping):
                rows.extend((coder, unit, lab) for unit, lab in codes.items())
            elif isinstance(codes, (list, tuple, pd.Series)):
                rows.extend((coder, i, lab) for i, lab in enumerate(list(codes)))
            else:
                raise DataError(
                    f"codings[{coder!r}]: expected a list of labels or a dict "
                    f"{{unit: label}}, got {type(codes).__name__}."
                )
    else:
        try:
            rows = [tuple(t) for t in codings]
        except TypeError:
            raise DataError(
                "codings: expected a DataFrame (coder, unit, label), (coder, unit, label) "
                f"triples or a dict {{coder: labels}}, got {type(codings).__name__}."
            ) from None
    for row in rows:
        if len(row) != 3:
            raise DataError(
                f"codings: expected (coder, unit, label) triples, got {row!r}."
            )
        coder, unit, label = row
        if _missing(label):
            continue
        out.append((str(coder), str(unit), label))
    return out


def _missing(label: Any) -> bool:
    if label is None or (isinstance(label, str) and label.strip() in _MISSING):
        return True
    try:
        return bool(pd.isna(label))
    except (TypeError, ValueError):
        return False


# ============================================================================ annotate
def annotate(
    text: str,
    *,
    doc_id: str = "doc-1",
    outlet: str = "",
    layers: Mapping[str, Mapping[str, Any]] | None = None,
    annotator: str | None = None,
) -> Annotator:
    """A span annotator for one text; in a notebook it displays as a widget.

    Mark spans by token numbers (``first``/``last`` token, shown under the text), or by
    typing the exact span text; choose a layer, role and label; list and remove spans;
    export them as generic gold JSONL, which :func:`framing.datasets.read_gold` reads.
    Everything the widget does is also a method (``add``, ``add_tokens``, ``add_text``,
    ``remove``, ``to_gold``, ``to_record``, ``export``), so it can be scripted and tested.

    Parameters
    ----------
    text : str
        The text to annotate.
    doc_id, outlet : str
        Written to the export as ``id`` and ``outlet``.
    layers : dict, optional
        ``{layer: {"roles": [...], "labels": [...]}}``; default: an ``attribution`` layer
        (roles content/source/cue, labels quote_marks/no_quote_marks) and a ``loaded``
        layer (role word, labels loaded/label_choice/scare_quote).
    annotator : str, optional
        Your name or initials, stored with every span.

    Returns
    -------
    Annotator

    Examples
    --------
    >>> from framing import classroom
    >>> ann = classroom.annotate('"We will win," he said.', doc_id="s1", annotator="me")
    >>> ann.add_text("We will win,", layer="attribution", role="content")["ann_id"]
    's1-a1'
    >>> ann.add_tokens(6, 6, layer="attribution", role="source")["text"]
    'he'
    >>> ann.spans[["role", "start", "end", "text"]].values.tolist()
    [['content', 1, 13, 'We will win,'], ['source', 15, 17, 'he']]
    """
    return Annotator(text, doc_id=doc_id, outlet=outlet, layers=layers, annotator=annotator)


# ============================================================================ normalising
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _norm(term: Any) -> str:
    text = str(term).lower().replace("’", "'").replace("-", " ")
    text = re.sub(r"^(the|a|an)\s+", "", _EDGE.sub("", text).strip())
    return " ".join(text.split())


def _matches(answer: Any, variants: Iterable[str]) -> bool:
    a = _norm(answer)
    if not a:
        return False
    for v in variants:
        v = _norm(v)
        if a == v or re.search(rf"\b{re.escape(v)}\b", a) or re.search(rf"\b{re.escape(a)}\b", v):
            return True
    return False


def _listify(value: Any) -> list[str]:
    if _is_empty(value):
        return []
    if isinstance(value, str):
        return [t for t in (p.strip() for p in value.split(",")) if t]
    return [str(t) for t in value if not _is_empty(t)]


def _as_mapping(student: Any, *, what: str, columns: tuple[str, ...]) -> dict:
    """A DataFrame with an id column, or a dict, as {id: value-or-row-dict}."""
    if isinstance(student, pd.DataFrame):
        idcol = next((c for c in ("id", "unit", "sentence", "doc_id") if c in student), None)
        if idcol is None:
            raise DataError(
                f"{what}: expected a DataFrame with an 'id' column and {list(columns)}, got "
                f"columns {list(student.columns)}."
            )
        return {str(r[idcol]): {c: r.get(c) for c in columns}
                for r in student.to_dict("records")}
    if isinstance(student, Mapping):
        return {str(k): v for k, v in student.items()}
    raise DataError(
        f"{what}: expected a dict {{id: answer}} or a DataFrame, got {type(student).__name__}."
    )


def _summary(n_right: int, n: int, hints: list[str], limit: int = 4) -> Result:
    # real mistakes first, "not answered yet" items last
    hints = sorted(hints, key=lambda h: ("not coded yet" in h or "not answered" in h
                                         or "no share given" in h or "no speakers" in h))
    extra = [f"... and {len(hints) - limit} more"] if len(hints) > limit else []
    return _wrong(f"{n_right} of {n} right", hints[:limit] + extra)


# ============================================================================ exercise 1
def check_alpha(value: Any, *, exercise: str = "hand-coding") -> Result:
    """Check Krippendorff's alpha between the exercise's coders (to three decimals).

    Examples
    --------
    >>> from framing import classroom
    >>> right = classroom.krippendorff_alpha(classroom.load_exercise("hand-coding").coders)
    >>> classroom.check_alpha(right)
    ✓ right: alpha = 0.634
    """
    if _is_empty(value):
        return _unanswered(
            "compute alpha between coders A, B and C and pass it to check_alpha."
        )
    try:
        value = float(value)
    except (TypeError, ValueError):
        return _wrong(f"expected a number, got {value!r}; AnnotationTask(...).alpha() "
                      "returns one.")
    coders = load_exercise(exercise).coders
    right = krippendorff_alpha(coders)
    if abs(value - right) < 5e-4:
        return _right(f"alpha = {right:.3f}")
    triples = [(c, u, lab) for c, u, lab in coders.itertuples(index=False, name=None)]
    from nltk.metrics.agreement import AnnotationTask

    pairwise, full = _percent_agreement(_triples(coders))
    with_missing = AnnotationTask(data=[(c, u, "" if _missing(lab) else lab)
                                        for c, u, lab in triples]).alpha()
    if any(abs(value - a) < 5e-4 or abs(value / 100 - a) < 5e-4 for a in (pairwise, full)):
        hint = ("that is the observed (percent) agreement; alpha corrects it for the "
                "agreement expected by chance: AnnotationTask(data).alpha().")
    elif abs(value - with_missing) < 5e-4:
        hint = ("you counted the skipped sentence as a code of its own; leave out the "
                "(coder, unit, label) triple whose label is missing.")
    elif abs(value / 100 - right) < 5e-4:
        hint = "give alpha as a fraction between -1 and 1, not a percentage."
    elif not -1 <= value <= 1:
        hint = "alpha lies between -1 and 1."
    else:
        hint = ("build AnnotationTask(data=[(coder, unit, label), ...]) from the coders "
                "table (skip missing labels) and call .alpha(); the default distance is "
                "nominal (binary_distance).")
    return _wrong(f"{value:.3f} is not alpha between coders A, B and C", [hint])


def _percent_agreement(triples: list[tuple[str, str, Any]]) -> tuple[float, float]:
    """(share of agreeing coder pairs, share of units where all coders agree)."""
    by_unit: dict[str, list[Any]] = {}
    for _, unit, label in triples:
        by_unit.setdefault(unit, []).append(label)
    pairs = agree = units = unanimous = 0
    for labels in by_unit.values():
        if len(labels) < 2:
            continue
        units += 1
        unanimous += len(set(labels)) == 1
        for i in range(len(labels)):
            for j in range(i + 1, len(labels)):
                pairs += 1
                agree += labels[i] == labels[j]
    return (agree / pairs if pairs else float("nan"),
            unanimous / units if units else float("nan"))


def check_quotes(student: Any, *, exercise: str = "hand-coding") -> Result:
    """Check a hand-coding of quote kind and speaker per sentence.

    Parameters
    ----------
    student : dict or DataFrame
        ``{sentence_id: (kind, speaker)}``, ``{sentence_id: {"kind": ..., "speaker": ...}}``
        or a DataFrame with columns ``id, kind, speaker``.  ``kind`` is one of
        ``none, direct, indirect, mixed``; ``speaker`` is the speaker as written
        (``None`` when kind is ``none``).

    Examples
    --------
    >>> from framing import classroom
    >>> classroom.check_quotes({"h01": ("indirect", "the minister")}).ok
    False
    """
    if _is_empty(student):
        return _unanswered("code each sentence's quote kind and speaker in the dict, then "
                           "run the check again.")
    answers = _as_mapping(student, what="student", columns=("kind", "speaker"))
    key = _key(exercise)
    kinds = key["kinds"]
    hints, n_right = [], 0
    for s in key["sentences"]:
        sid = s["id"]
        given = answers.get(sid)
        if isinstance(given, Mapping):
            kind, speaker = given.get("kind"), given.get("speaker")
        elif isinstance(given, (tuple, list)):
            kind, speaker = (list(given) + [None, None])[:2]
        else:
            kind, speaker = given, None
        if _is_empty(kind):
            hints.append(f"{sid}: not coded yet.")
            continue
        kind = str(kind).strip().lower()
        if kind not in kinds:
            hints.append(f"{sid}: kind {kind!r} is not in the scheme {kinds}.")
            continue
        if kind != s["kind"]:
            hints.append(f"{sid}: not {kind!r}. {s['hint']}")
            continue
        if s["kind"] == "none":
            if not _is_empty(speaker):
                hints.append(f"{sid}: no one is quoted, so leave the speaker empty (None).")
                continue
        elif _is_empty(speaker):
            hints.append(f"{sid}: the kind is right; who is the speaker?")
            continue
        elif not _matches(speaker, s["speaker"]):
            hints.append(f"{sid}: the kind is right, but {speaker!r} is not who speaks; "
                         "take the speaker as written in the sentence.")
            continue
        n_right += 1
    n = len(key["sentences"])
    if n_right == n:
        return _right(f"all {n} sentences coded as in the key")
    return _summary(n_right, n, hints)


def check_loaded(student: Any, *, exercise: str = "hand-coding") -> Result:
    """Check the loaded terms marked in each sentence: ``{sentence_id: [term, ...]}``.

    A term counts if it matches a key term (case-insensitive; a longer phrase containing
    the key term counts too).  Every key term must be found; a term outside the key and
    its list of acceptable extras is wrong.

    Examples
    --------
    >>> from framing import classroom
    >>> classroom.check_loaded({"h06": ["so-called", "Takfiri", "mercenaries"]}).ok
    False
    """
    if _is_empty(student):
        return _unanswered("list the loaded terms of each sentence ({'h01': [...], ...}; "
                           "an empty list when there are none) and run the check again.")
    answers = _as_mapping(student, what="student", columns=("terms",))
    key = _key(exercise)
    term_hints = {_norm(k): v for k, v in (key.get("term_hints") or {}).items()}
    hints, n_right = [], 0
    for s in key["sentences"]:
        sid = s["id"]
        if sid not in answers:
            hints.append(f"{sid}: not answered (use [] when the sentence has no loaded term).")
            continue
        given = answers[sid]
        terms = _listify(given.get("terms") if isinstance(given, Mapping) else given)
        missed = [k for k in s["loaded"] if not any(_matches(t, [k]) for t in terms)]
        extra = [t for t in terms if not _matches(t, list(s["loaded"]) + list(s["acceptable"]))]
        if not missed and not extra:
            n_right += 1
            continue
        for t in extra:
            why = term_hints.get(_norm(t), "does this word judge, or only describe?")
            hints.append(f"{sid}: {t!r} — {why}")
        if missed:
            hints.append(f"{sid}: {len(missed)} loaded term(s) missed; look for words that "
                         "take a side (a label, a slur, a verb that casts doubt).")
    n = len(key["sentences"])
    if n_right == n:
        return _right(f"the loaded terms of all {n} sentences match the key")
    return _summary(n_right, n, hints)


def _consensus(coders: pd.DataFrame) -> dict[str, str | None]:
    out = {}
    for unit, labels in coders.dropna(subset=["label"]).groupby("unit", sort=True)["label"]:
        counts = Counter(labels).most_common()
        top = [lab for lab, n in counts if n == counts[0][1]]
        out[str(unit)] = top[0] if len(top) == 1 else None
    return out


def check_consensus(consensus: Any, *, exercise: str = "hand-coding") -> Result:
    """Check the majority code of each sentence: ``{sentence_id: kind}``.

    Examples
    --------
    >>> from framing import classroom
    >>> classroom.check_consensus({"h01": "direct"}).ok
    False
    """
    if _is_empty(consensus):
        return _unanswered("take the majority code of coders A, B, C for each sentence.")
    answers = _as_mapping(consensus, what="consensus", columns=("label",))
    right = _consensus(load_exercise(exercise).coders)
    hints = []
    for unit, lab in right.items():
        given = answers.get(unit)
        if isinstance(given, Mapping):
            given = given.get("label")
        if _is_empty(given):
            hints.append(f"{unit}: no consensus given.")
        elif str(given).strip().lower() != lab:
            hints.append(f"{unit}: {given!r} is not what most coders chose (skip a missing "
                         "code; the others still form a majority).")
    if not hints:
        return _right(f"consensus of {len(right)} sentences")
    return _summary(len(right) - len(hints), len(right), hints)


def tool_sentence_quotes(exercise: str = "hand-coding") -> pd.DataFrame:
    """The tool's verdict per exercise text: does it find an attribution (quote), and which.

    Returns one row per text with ``id``, ``tool_quote`` (bool: at least one quote that
    is not a scare quote), ``tool_kinds`` and ``tool_speakers`` (``;``-joined).

    Examples
    --------
    >>> from framing import classroom
    >>> table = classroom.tool_sentence_quotes("hand-coding")
    >>> list(table.columns)
    ['id', 'tool_quote', 'tool_kinds', 'tool_speakers']
    """
    import framing

    ex = _exercise(exercise)
    q = framing.quotes(ex.corpus)
    q = q[q["kind"] != "scare"]
    rows = []
    for doc_id in ex.corpus["id"]:
        mine = q[q["doc_id"] == doc_id]
        speakers = [str(s) if s is not None and not pd.isna(s) else
                    (str(m) if m is not None and not pd.isna(m) else "?")
                    for s, m in zip(mine["speaker"], mine["speaker_mention"])]
        rows.append({"id": doc_id, "tool_quote": len(mine) > 0,
                     "tool_kinds": ";".join(map(str, mine["kind"])),
                     "tool_speakers": ";".join(speakers)})
    return pd.DataFrame(rows)


def _tool_scores(exercise: str) -> tuple[float, float, int, int, int]:
    truth = {u: lab not in (None, "none") for u, lab in
             _consensus(load_exercise(exercise).coders).items()}
    tool = dict(zip(*tool_sentence_quotes(exercise)[["id", "tool_quote"]].T.values))
    tp = sum(1 for u, t in truth.items() if t and tool.get(u))
    fp = sum(1 for u, t in truth.items() if not t and tool.get(u))
    fn = sum(1 for u, t in truth.items() if t and not tool.get(u))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return precision, recall, tp, fp, fn


def check_precision_recall(
    precision: Any, recall: Any, *, exercise: str = "hand-coding"
) -> Result:
    """Check the tool's sentence-level precision and recall against the consensus.

    A sentence is positive when the consensus kind is not ``none``; the tool says
    positive when it finds at least one quote (scare quotes excluded).  The expected
    values are recomputed from the tool's current output.
    """
    if _is_empty(precision) or _is_empty(recall):
        return _unanswered("compute the tool's precision and recall against your consensus.")
    try:
        p, r = float(precision), float(recall)
    except (TypeError, ValueError):
        return _wrong(f"expected two numbers, got {precision!r} and {recall!r}.")
    P, R, tp, fp, fn = _tool_scores(exercise)

    def close(a: float, b: float) -> bool:
        return (math.isnan(a) and math.isnan(b)) or abs(a - b) < 0.01

    if close(p, P) and close(r, R):
        return _right(f"precision {P:.2f}, recall {R:.2f} (TP={tp}, FP={fp}, FN={fn})")
    hints = []
    if close(p, R) and close(r, P):
        hints.append("you swapped them: precision = TP / (TP + FP) is about what the tool "
                     "found, recall = TP / (TP + FN) about what it should have found.")
    else:
        if not close(p, P):
            hints.append("precision: of the sentences where the tool finds a quote, the "
                         "share where the consensus has one: TP / (TP + FP).")
        if not close(r, R):
            hints.append("recall: of the sentences where the consensus has a quote, the "
                         "share where the tool finds one: TP / (TP + FN).")
        if p > 1 or r > 1:
            hints.append("give fractions between 0 and 1.")
    return _wrong(f"precision {p:.2f}, recall {r:.2f}", hints)


# ============================================================================ exercise 2
def check_sources(student: Any, *, exercise: str = "sources-balance") -> Result:
    """Check who is quoted in each article: ``{doc_id: [speaker, ...]}``.

    List each distinct speaker once per article (pronouns resolved to the person).
    """
    if _is_empty(student):
        return _unanswered("list the speakers quoted in each article ({doc_id: [names]}).")
    answers = _as_mapping(student, what="student", columns=("speakers",))
    key = _key(exercise)
    hints, n_right = [], 0
    for doc in key["documents"]:
        did = doc["id"]
        given = answers.get(did)
        names = _listify(given.get("speakers") if isinstance(given, Mapping) else given)
        if not names:
            hints.append(f"{did}: no speakers listed.")
            continue
        atts = doc["attributions"]
        wrong = [n for n in names if not any(_matches(n, a["speaker"]) for a in atts)]
        pron = [n for n in names if _norm(n) in {"he", "she", "they", "it"}]
        missed = []
        for a in atts:
            if a["required"] and not any(_matches(n, a["speaker"]) for n in names):
                if a.get("hint") and a["hint"] not in missed:
                    missed.append(a["hint"])
                elif not a.get("hint"):
                    missed.append(f"a source on the side '{a['side']}' is missing.")
        if not wrong and not missed and not pron:
            n_right += 1
            continue
        for n in pron:
            hints.append(f"{did}: {n!r}: resolve the pronoun to the person it stands for.")
        for n in wrong:
            if n not in pron:
                hints.append(f"{did}: {n!r} is not quoted in this article.")
        hints.extend(f"{did}: {m}" for m in dict.fromkeys(missed))
    n = len(key["documents"])
    if n_right == n:
        return _right("the speakers of both articles match the key")
    return _summary(n_right, n, hints)


def check_balance(student: Any, *, exercise: str = "sources-balance") -> Result:
    """Check the share of attributions that go to US government sources, per article:
    ``{doc_id: share}`` (a fraction between 0 and 1), counted by the exercise's rules."""
    key = _key(exercise)
    side = key["side_of_interest"]
    if _is_empty(student):
        return _unanswered(f"give, for each article, the share of attributions to the side "
                           f"'{side}' ({{doc_id: share}}).")
    answers = _as_mapping(student, what="student", columns=("share",))
    hints, n_right = [], 0
    for doc in key["documents"]:
        did, right = doc["id"], float(doc["us_share"])
        given = answers.get(did)
        if isinstance(given, Mapping):
            given = given.get("share")
        if _is_empty(given):
            hints.append(f"{did}: no share given.")
            continue
        try:
            value = float(given)
        except (TypeError, ValueError):
            hints.append(f"{did}: expected a number, got {given!r}.")
            continue
        if abs(value - right) < 0.01:
            n_right += 1
            continue
        n_att = len(doc["attributions"])
        n_side = sum(a["side"] == side for a in doc["attributions"])
        if value > 1:
            hints.append(f"{did}: give a fraction between 0 and 1, not a percentage or a count.")
        elif any(abs(value - n_side / (n_att - k)) < 0.01 for k in (1, 2)):
            hints.append(f"{did}: you left out some attributions; the rules count unnamed "
                         "sources and paraphrased speech acts too.")
        else:
            hints.append(f"{did}: count the attributions (not the distinct speakers) and "
                         f"divide those to '{side}' by all of them.")
    n = len(key["documents"])
    if n_right == n:
        return _right("US-government share per article matches the key")
    return _summary(n_right, n, hints)


# ============================================================================ exercise 3
def _loaded_entries(sentence: Mapping) -> list[tuple[str, str | None]]:
    """The key's loaded terms of a sentence as (term, voice or None)."""
    out = []
    for item in sentence.get("loaded") or []:
        if isinstance(item, Mapping):
            out.append((str(item["term"]), item.get("voice")))
        else:
            out.append((str(item), None))
    return out


def _find(text: str, term: str) -> tuple[int, int]:
    pos = text.lower().find(term.lower())
    if pos < 0:
        raise DataError(f"key: the term {term!r} does not occur in {text!r}.")
    return pos, pos + len(term)


def tool_errors(exercise: str = "critique") -> pd.DataFrame:
    """The tool's errors on the critique sample, recomputed from its current output.

    One row per error: ``sentence``, ``error`` (missed quote, spurious quote, wrong
    speaker, missed loaded term, spurious loaded term, wrong voice), ``detail`` and
    ``trap`` (the instructor's note on what makes the sentence hard).  This is the answer
    to the critique exercise: students should find the errors themselves first.

    Quotes are compared per sentence by count and speaker; loaded terms by character
    overlap with the key's terms (words the key lists as ``acceptable`` are not errors),
    and the voice (reporter or quoted) of each key term the tool finds.

    Examples
    --------
    >>> from framing import classroom
    >>> errors = classroom.tool_errors("critique")
    >>> list(errors.columns)
    ['sentence', 'error', 'detail', 'trap']
    """
    import framing

    ex = _exercise(exercise)
    key = {s["id"]: s for s in ex.key["sentences"]}
    quotes = tool_sentence_quotes(exercise).set_index("id")
    terms = framing.loaded_terms(ex.corpus)
    text_of = dict(zip(ex.corpus["id"], ex.corpus["text"]))
    rows = []

    def add(sid: str, error: str, detail: str) -> None:
        rows.append({"sentence": sid, "error": error, "detail": detail,
                     "trap": " ".join(str(key[sid]["trap"]).split())})

    for sid, s in key.items():
        gold_q = s["quotes"]
        row = quotes.loc[sid]
        kinds = [k for k in str(row["tool_kinds"]).split(";") if k]
        speakers = [k for k in str(row["tool_speakers"]).split(";") if k]
        if len(kinds) < len(gold_q):
            add(sid, "missed quote", f"the key has {len(gold_q)} attribution(s), the tool "
                f"finds {len(kinds)}")
        elif len(kinds) > len(gold_q):
            add(sid, "spurious quote", f"the key has {len(gold_q)} attribution(s), the tool "
                f"finds {len(kinds)} ({', '.join(kinds)})")
        gold_speakers = [v for q in gold_q for v in q["speaker"]]
        bad = [sp for sp in speakers if gold_q and not _matches(sp, gold_speakers)]
        if bad:
            add(sid, "wrong speaker", f"the tool names {', '.join(map(repr, bad))}")
        text = text_of[sid]
        mine = terms[terms["doc_id"] == sid]
        spans = list(zip(mine["start"], mine["end"], mine["voice"]))
        gold = [(*_find(text, t), t, v) for t, v in _loaded_entries(s)]
        ok = gold + [(*_find(text, t), t, None) for t in s.get("acceptable") or []]
        for gs, ge, g, voice in gold:
            hits = [v for s0, e0, v in spans if s0 < ge and gs < e0]
            if not hits:
                add(sid, "missed loaded term", f"{g!r} is not flagged")
            elif voice is not None and voice not in hits:
                add(sid, "wrong voice", f"{g!r} is the {voice} voice, the tool says "
                    f"{', '.join(sorted(set(map(str, hits))))}")
        for s0, e0, _ in spans:
            if not any(s0 < ge and gs < e0 for gs, ge, _, _ in ok):
                add(sid, "spurious loaded term", f"{text[s0:e0]!r} is flagged")
    return pd.DataFrame(rows, columns=["sentence", "error", "detail", "trap"])


def check_critique(student: Any, *, exercise: str = "critique", minimum: int = 3) -> Result:
    """Check a critique: a list of ``{"sentence", "error", "why"}`` dicts (or a DataFrame).

    Each reported error must be one the tool really makes (``error`` one of: missed quote,
    spurious quote, wrong speaker, missed loaded term, spurious loaded term, wrong voice;
    see :func:`tool_errors`) and come with
    an explanation (``why``, a few words at least).  Find at least ``minimum`` of them
    (or all, if the tool makes fewer).
    """
    if _is_empty(student):
        return _unanswered("list the tool's errors you found as dicts with 'sentence', "
                           "'error' and 'why'.")
    if isinstance(student, pd.DataFrame):
        items = student.to_dict("records")
    elif isinstance(student, Mapping):
        items = [student]
    else:
        items = list(student)
    types = _key(exercise)["error_types"]
    actual = tool_errors(exercise)
    real = set(zip(actual["sentence"], actual["error"]))
    hints, found = [], set()
    for item in items:
        if not isinstance(item, Mapping):
            hints.append(f"{item!r}: expected a dict with 'sentence', 'error' and 'why'.")
            continue
        sid = str(item.get("sentence", "")).strip()
        err = str(item.get("error", "")).strip().lower()
        why = str(item.get("why") or "")
        if err not in types:
            hints.append(f"{sid}: error {err!r} is not one of {types}.")
        elif (sid, err) not in real:
            hints.append(f"{sid}: the tool does not make a '{err}' error there; compare "
                         "its output for that sentence with the sentence again.")
        elif len(why.split()) < 4:
            hints.append(f"{sid}: explain why the tool goes wrong ('why', a sentence).")
        else:
            found.add((sid, err))
    need = min(minimum, len(real))
    if len(found) < need:
        hints.append(f"you have {len(found)} correct error(s) with an explanation; find at "
                     f"least {need} (the tool makes {len(real)} on this sample).")
    if hints:
        return _wrong(f"{len(found)} error(s) found and explained", hints)
    return _right(f"{len(found)} of the tool's {len(real)} errors found and explained")


# ============================================================================ dispatch
_CHECKS = {
    "alpha": check_alpha, "quotes": check_quotes, "loaded": check_loaded,
    "consensus": check_consensus, "precision_recall": check_precision_recall,
    "sources": check_sources, "balance": check_balance, "critique": check_critique,
}


def check(what: str, *answer: Any, **kwargs: Any) -> Result:
    """Run the check named ``what`` (alpha, quotes, loaded, consensus, precision_recall,
    sources, balance, critique) on ``answer``: ``check("alpha", 0.634)``."""
    if what not in _CHECKS:
        raise ResourceNotFoundError(
            f"what: no check {what!r}; available: {', '.join(_CHECKS)}."
        )
    return _CHECKS[what](*answer, **kwargs)


def _key_gold(ex: Exercise) -> pd.DataFrame:
    """Loaded terms of the key (with offsets) and speakers as gold rows."""
    rows = []
    sentences = ex.key.get("sentences") or []
    for s in sentences:
        text = s["text"]
        for i, (term, _voice) in enumerate(_loaded_entries(s)):
            pos = text.lower().find(term.lower())
            rows.append({"doc_id": s["id"], "ann_id": f"{s['id']}-l{i + 1}", "layer": "loaded",
                         "role": "word", "start": pos, "end": pos + len(term),
                         "text": text[pos:pos + len(term)], "label": "loaded",
                         "annotator": "key"})
    cols = ["doc_id", "ann_id", "layer", "role", "start", "end", "text", "label", "annotator"]
    return pd.DataFrame(rows, columns=cols)
