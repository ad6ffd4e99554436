"""The per-document engine behind :mod:`framing.loaded` (compiled with mypyc).

:func:`find` is :func:`framing.loaded.find_loaded` without its docstring: the public module
stays pure Python, so its documentation survives the compiled build, and calls this module
once per document.  The method (voice split, cue verbs, phrase extent) is described in
:mod:`framing.loaded`; this module holds its implementation: lexicon matching, the loaded
cue verbs of the quotes, the voice of each match and its phrase extent.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from ._lexmatch import CompiledLexicon
from .lexicons import Lexicon, load_lexicon
from .text import segment

#: the ``lexicon`` of scare-quote rows and of cue verbs missing from the lexicon
SCARE_LEXICON: Final = "quotation"

# Phrase extent (the ``phrase_start``/``phrase_end`` of every match; ``extent="phrase"`` makes
# them the row's span).  Span annotations such as PTC mark phrases, not words ("a complete
# travesty of justice", "habitual liar"), so a match grows
#   * left over one to three determiners and intensifiers ("this madness", "truly crazy");
#   * for a label or emotive match, left over one lower-case content word first (a modifier
#     without a part-of-speech tagger: "habitual liar", "shameless smear");
#   * for a label or emotive match, right over up to two content words (the noun an
#     emotive modifier qualifies: "fierce criticism", "smear campaign") and an "of" phrase
#     ("travesty of justice", "stupidity of the government").
_DETERMINERS: Final = (
    "the a an this that these those such so too very our their his her its my your truly "
    "absolutely totally utterly most more really completely extremely incredibly all some any "
    "every").split()
# matched on the reversed left context (``text[s-60:s][::-1]``) so that ``re.match`` anchors
# at the term instead of scanning the window
_REV_PREV: Final = re.compile(r"[ \t]+([A-Za-z'’-]*[A-Za-z])(?![\w'’-])")
_REV_LEFT: Final = re.compile(
    r"(?:[ \t]+(?:%s)(?![\w'’-])){1,3}" % "|".join(
        sorted((w[::-1] for w in _DETERMINERS), key=len, reverse=True)), re.IGNORECASE)
_PHRASE_RIGHT: Final = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’-]*)")
_PHRASE_OF: Final = re.compile(
    r"[ \t]+of[ \t]+(?:(?:the|a|an|his|her|their|its)[ \t]+)?[A-Za-z][A-Za-z'’-]*")
_GROW_CATEGORIES: Final = frozenset({"label", "emotive"})
_STOP: Final = frozenset(
    "the a an and or but nor of to in on at for with by from as is are was were be been being "
    "that this these those it its he she they we i you his her their our my your not no so "
    "than then there here who whom which what when where why how all any some more most very "
    "can could will would should may might must do does did has have had".split())


def resolve_lexicon(lexicon: Any) -> Lexicon:
    """A :class:`~framing.lexicons.Lexicon` from a lexicon, a name, a path or None."""
    if lexicon is None:
        return load_lexicon()
    if isinstance(lexicon, Lexicon):
        return lexicon
    return load_lexicon(lexicon)


def find(text: str, segments: Any = None, quote_rows: list[dict] | None = None,
         lexicon: Any = None, indirect_voice: object = "reporter",
         extent: object = "word") -> list[dict]:
    """The rows of :func:`framing.loaded.find_loaded` (documented there): the loaded terms
    of one document, with the columns of ``LOADED_COLUMNS`` except ``doc_id``."""
    if indirect_voice not in ("reporter", "quoted"):
        raise ValueError(f"indirect_voice must be 'reporter' or 'quoted'; got {indirect_voice!r}.")
    if extent not in ("word", "phrase"):
        raise ValueError(f"extent must be 'word' or 'phrase'; got {extent!r}.")
    lex = lexicon if isinstance(lexicon, Lexicon) else resolve_lexicon(lexicon)
    # (typed locals let the compiled build call the matcher natively and unbox the offsets)
    comp: CompiledLexicon
    info: list[tuple[Any, Any, Any, Any]]
    comp, info = lex.compiled()
    matches: list[tuple[int, int, int]] = comp.match(text)
    if segments is None:
        segments = segment(text, tokens=False)
    starts: list[int] = segments._sentence_starts
    qspans: list[tuple[int, int, Any]] = []
    scare: list[tuple[int, int]] = []
    if quote_rows:
        for q in quote_rows:
            qs, qe = q.get("start"), q.get("end")
            if qs is None or qe is None:
                continue
            kind = q.get("kind")
            if kind == "scare":
                scare.append((int(qs), int(qe)))
            elif kind == "indirect" and indirect_voice == "reporter":
                continue
            else:
                qspans.append((int(qs), int(qe), q.get("speaker")))
        qspans.sort(key=lambda t: t[0])
    qstarts = [sp[0] for sp in qspans]
    phrase = extent == "phrase"
    out: list[dict] = []
    verbs: list[tuple[int, int, Any, Any, str | None]] = []
    if quote_rows is not None:
        # loaded speech verbs are the cue verbs of attributions, not free lexicon matches
        # ("claimed the lives" is not speech)
        if lex.loaded_verbs()[1] or lex.loaded_verbs()[0]:
            matches = [m for m in matches if info[m[2]][1] != "loaded_verb"]
            verbs = _cue_verbs(text, quote_rows, lex)
            if verbs:
                matches = _merge_verbs(matches, verbs)
    s: int
    e: int
    idx: int
    ps: int
    pe: int
    rs: int
    re_: int
    for s, e, idx in matches:
        if idx < 0:
            vs, ve, ventry, vlexname, spk = verbs[-idx - 1]
            ps, pe = _grow(text, vs, ve, "loaded_verb")
            rs, re_ = (ps, pe) if phrase else (vs, ve)
            out.append({
                "start": rs, "end": re_, "term": text[rs:re_], "entry": ventry,
                "category": "loaded_verb", "lexicon": vlexname, "voice": "reporter",
                "speaker": spk, "sentence": max(bisect_right(starts, vs) - 1, 0),
                "phrase_start": ps, "phrase_end": pe,
            })
            continue
        entry, cat, lexname, _sub = info[idx]
        voice: str = "reporter"
        speaker: Any = None
        if qspans:
            voice, speaker = _voice(qspans, qstarts, s, e)
        ps, pe = _grow(text, s, e, cat)
        rs, re_ = (ps, pe) if phrase else (s, e)
        out.append({
            "start": rs, "end": re_, "term": text[rs:re_], "entry": entry, "category": cat,
            "lexicon": lexname, "voice": voice, "speaker": speaker,
            "sentence": max(bisect_right(starts, s) - 1, 0), "phrase_start": ps,
            "phrase_end": pe,
        })
    if scare:
        for s, e in scare:
            frag = text[s:e]
            core = frag.strip("\"'“”‘’ \t\n«»")
            out.append({
                "start": s, "end": e, "term": frag, "entry": core.lower() or frag,
                "category": "scare_quote", "lexicon": SCARE_LEXICON, "voice": "reporter",
                "speaker": None, "sentence": max(bisect_right(starts, s) - 1, 0),
                "phrase_start": s, "phrase_end": e,
            })
        out.sort(key=lambda r: (r["start"], r["end"]))
    return out


@lru_cache(maxsize=1)
def _verb_lemmas() -> dict[str, str]:
    """Lower-cased form -> lemma of every verb in the quotation verb lexicon."""
    import csv

    src = resources.files("framing.data").joinpath("speech_verbs.csv")
    if not src.is_file():
        return {}
    lines = [ln for ln in src.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return {r["form"].lower(): r["lemma"] for r in csv.DictReader(lines)
            if r.get("form") and r.get("lemma")}


def _cue_verbs(text: str, quote_rows: list[dict],
               lex: Lexicon) -> list[tuple[int, int, Any, Any, str | None]]:
    """Loaded cue verbs of the quotes: ``(start, end, entry, lexicon, speaker)`` for every
    quote whose ``verb_class`` is not neutral and is a ``loaded_verb`` class of the
    lexicon (a subcategory of its ``loaded_verb`` entries), or whose verb is a
    ``loaded_verb`` entry without a class (a user's own entry)."""
    classes, forms = lex.loaded_verbs()
    if not forms and not classes:
        return []
    out: list[tuple[int, int, Any, Any, str | None]] = []
    seen: set[tuple[int, int]] = set()
    n = len(text)
    for q in quote_rows:
        cls = q.get("verb_class")
        if not isinstance(cls, str) or cls == "neutral" or not cls:
            continue
        qvs, qve = q.get("verb_start"), q.get("verb_end")
        if qvs is None or qve is None or qvs != qvs or qve != qve:  # None or NaN
            continue
        try:
            vs, ve = int(qvs), int(qve)
        except (TypeError, ValueError):
            continue
        if (vs, ve) in seen or not 0 <= vs < ve <= n:
            continue
        form = " ".join(text[vs:ve].lower().split())
        hit = forms.get(form)
        # the quote's class decides; a loaded_verb entry without a class (a user's own
        # entry) counts by its form
        if cls not in classes and (hit is None or hit[2]):
            continue
        seen.add((vs, ve))
        if hit is not None:
            entry, lexname = hit[0], hit[1]
        else:
            entry, lexname = _verb_lemmas().get(form, form), SCARE_LEXICON
        spk = q.get("speaker")
        out.append((vs, ve, entry, lexname, spk if isinstance(spk, str) else None))
    out.sort()
    return out


def _merge_verbs(matches: list[tuple[int, int, int]],
                 verbs: list[tuple[int, int, Any, Any, str | None]]
                 ) -> list[tuple[int, int, int]]:
    """Merge cue verbs (entry id ``-k-1`` for ``verbs[k]``) into the lexicon matches: a
    lexicon match that strictly contains a cue verb ("what he called") wins, a cue verb
    replaces a lexicon match inside its span."""
    out = list(matches)
    for k in range(len(verbs)):
        vs, ve = verbs[k][0], verbs[k][1]
        keep = True
        drop: list[int] = []
        for j, (s, e, _i) in enumerate(out):
            if e <= vs or s >= ve:
                continue
            if s <= vs and ve <= e and (e - s) > (ve - vs):
                keep = False
                break
            if vs <= s and e <= ve:
                drop.append(j)
        if keep:
            for j in drop[::-1]:  # reversed() crashes mypyc 2.4.1
                del out[j]
            out.append((vs, ve, -k - 1))
    out.sort()
    return out


def _grow(text: str, s: int, e: int, category: object) -> tuple[int, int]:
    """The phrase extent of the match ``(s, e)`` (see the comment on ``_DETERMINERS``)."""
    grow = category in _GROW_CATEGORIES
    k: int
    if s and text[s - 1] in " \t":
        rev = text[max(0, s - 60):s][::-1]
        k = 0
        if grow:
            m = _REV_PREV.match(rev)
            if m:
                w = m.group(1)
                if w[-1].islower() and w[::-1].lower() not in _STOP:
                    k = m.end()
        m = _REV_LEFT.match(rev, k)
        if m:
            k = m.end()
        s -= k
    if grow and text[e:e + 1] in (" ", "\t"):
        for _ in range(2):
            m = _PHRASE_RIGHT.match(text, e)
            if m is None or m.group(1).lower() in _STOP:
                break
            e = m.end()
        m = _PHRASE_OF.match(text, e)
        if m:
            e = m.end()
    return s, e


def _voice(qspans: list[tuple[int, int, Any]], qstarts: list[int], s: int,
           e: int) -> tuple[str, Any]:
    """Voice and speaker of the span (s, e): the innermost quote containing it, preferring
    one with a speaker (a partial quote inside an attributed indirect quote)."""
    k = bisect_right(qstarts, s) - 1
    best: tuple[tuple[bool, int], Any] | None = None
    # quotes rarely nest; look back a few spans for containment
    for j in range(k, max(k - 8, -1), -1):
        qs, qe, spk = qspans[j]
        if qs <= s and e <= qe:
            key = (spk is None, qe - qs)
            if best is None or key < best[0]:
                best = (key, spk)
    if best is None:
        return "reporter", None
    return "quoted", best[1]
