"""The per-document quotation engine behind :mod:`framing.quotation` (compiled with mypyc).

:func:`extract` is :func:`framing.quotation.extract_quotes` without its docstring: the public
module stays pure Python, so its documentation survives the compiled build, and calls this
module once per document.  The method is described in :mod:`framing.quotation`; this module
holds its implementation: the cue lexicon table and regex, the speaker, content and
unclaimed-quotation rules, and their precompiled patterns and word tables.
"""
from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Any, Final, Iterator

from ._quote_marks import quote_spans
from ._regex import trie_regex
from ._speakers import _NAME_STOP, Resolver, speaker_after, speaker_before, trim_name


# ----------------------------------------------------------------------------- cue lexicon

@lru_cache(maxsize=1)
def _lexicon_rows() -> list[list[str]]:
    src = resources.files("framing.data").joinpath("speech_verbs.csv")
    # (Traversable.open takes no newline=: wrap the binary stream as open() would)
    with io.TextIOWrapper(src.open("rb"), encoding="utf-8", newline="") as fh:
        return [r for r in csv.reader(fh)]


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, dict[str, tuple[str, str, str, bool, bool]]]:
    rows = _lexicon_rows()
    head = rows[0]
    i_form, i_lemma, i_cls, i_comp = (head.index(c) for c in
                                      ("form", "lemma", "verb_class", "complement"))
    info = {}
    for r in rows[1:]:
        form = r[i_form].lower()
        # (lemma, verb class, complement, is an -ing form, a "what X called" verb)
        info[form] = (r[i_lemma], r[i_cls], r[i_comp], form.endswith("ing"),
                      form[:3] in _WHAT_CUES)
    alt = trie_regex(list(info))
    # a literal leading space lets the regex engine skip quickly to candidate positions
    # with \n and \u00a0 mapped to spaces first (see _cue_text), every cue starts with a
    # literal space, which the regex engine finds with a fast literal scan
    pat = re.compile(rf" (?:{alt}|According\s+to)(?![\w’'-])")
    return pat, info


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, tuple[str, str, str, bool, bool]],
                         re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The cue pattern and table, and the speaker patterns (before a cue, after it, and a
    clause subject), fetched with one cached call per document."""
    cue_re, cue_info = _cues()
    return cue_re, cue_info, speaker_before(), speaker_after(), speaker_after(lead=r"[\s“\"]*")


def _cue_matches(cue_re: re.Pattern[str], ct: str,
                 qspans: list[tuple[int, int, bool]]) -> Iterator[re.Match[str]]:
    """The cue matches in ``ct`` (:func:`_cue_text`) that start outside every quotation.

    Only the gaps between quotations are scanned.  A cue holds letters and spaces only, so a
    match starting in a gap ends before the quotation mark that closes the gap; scanning up
    to one character past that mark (``ct`` is shifted by one) lets the final lookahead see
    the mark, as in a scan of the whole text."""
    if not qspans:
        return cue_re.finditer(ct)
    finditer = cue_re.finditer
    its = []
    pos = 0
    for qs, qe, _ok in qspans:      # disjoint and sorted (see _quote_marks)
        if qs > pos:
            its.append(finditer(ct, pos, qs + 2))
        if qe > pos:
            pos = qe
    its.append(finditer(ct, pos))
    return chain.from_iterable(its)


def _cue_text(text: str) -> str:
    """The text scanned for cues: a leading space (a cue may open the text) and the other
    characters a cue may follow (newline, no-break space) mapped to spaces, offsets kept."""
    t = " " + text
    if "\n" in t:
        t = t.replace("\n", " ")
    if "\u00a0" in t:
        t = t.replace("\u00a0", " ")
    return t


# ----------------------------------------------------------------------------- patterns

_OPEN: Final = "“\"‘'„«"
_CLOSE: Final = "”\"’'»"
_THAT: Final = re.compile(r"\s+(?:[^,.;:!?“\"]{0,50}?\s)?(that)\b")


def _that_match(text: str, pos: int, end: int) -> re.Match[str] | None:
    """``_THAT.match(text, pos, end)``, skipping the regex when "that" is not in the window
    (the pattern needs it)."""
    if text.find("that", pos, end) < 0:
        return None
    return _THAT.match(text, pos, end)

_TRIVIAL_REST: Final = re.compile(
    r"(?:\s*,?\s+(?:on|in|at|during|after|before|last|this|earlier|later|late|yesterday|today|"
    r"tonight|recently|afterward|afterwards|then|again|too|as\s+well|in\s+a\s+\w+|to\s+\w+|"
    r"\w+ly|of\s+\w+)"
    r"\b[^,;:“\"]{0,80}+)?\s*[.!?]?\s*\Z"
)
# (only ever tested for a match: the possessive {0,80}+ accepts exactly the strings the
# lazy {0,80}? did, as every suffix of the closing \s*[.!?]?\s* matches it too, and it
# never backtracks through the 80 characters)
_DASH_SPEAKER: Final = re.compile(r"[ \t]*[—–―-]{1,2}[ \t]*([A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,4})")
_CLAUSE_BEFORE_END: Final = re.compile(r"[,—–]\s*\Z")
_PASSIVE_WORDS: Final = "is was were are be been being am".split()
_PREP_WORDS: Final = ("in of from to at with on for by against about into than like whom between among "
               "over under toward towards during since until despite through across around "
               "behind near without within amid per via").split()
# "a preposition (+ article) right before position a" and "a form of be right before the
# cue", as anchored right-to-left matches on the reversed text (one attempt instead of a
# search over the window): _REV_PREP.match(rev, n - a, n - max(0, a - 20))
# (only ever tested for a match, so the words are a prefix-factored trie: faster, and the
# same strings match)
_REV_PREP: Final = re.compile(r"(?:\s+(?:eht|a|na))?\s+(?:" + trie_regex([w[::-1] for w in _PREP_WORDS])
                       + r")\b", re.IGNORECASE)
_REV_PASSIVE: Final = re.compile(r"\s+(?:" + "|".join(w[::-1] for w in _PASSIVE_WORDS) + r")\b",
                          re.IGNORECASE)
_GAP_FUNC: Final = re.compile(
    r"\b(?:and|but|or|that|which|who|is|was|are|were|has|have|had|the|a|an|to|in|on|at|"
    r"as|when|while|he|she|they|it|said|says|says|told)\b", re.IGNORECASE)
_DESCRIPTOR_GAP: Final = re.compile(r"[,—–]?\s+(?:[\w’'&-]+\.?\s+){1,6}\Z")
_WHAT_PREFIX: Final = re.compile(r"(?:That|This|It|Which|So)(?:\s+is|\s+was|’s|'s)\s+(?:what|how)\s+\Z")


def _more_words(text: str, s: int, e: int, k: int) -> bool:
    """Whether ``text[s:e]`` holds more than ``k`` whitespace-separated words
    (``split(None, k)`` stops after ``k + 1`` pieces: no list of every word).

    A prefix never holds more words than the whole (each of its words is part of one of
    the whole's), so a long span is first tested on its first 200 characters."""
    if e - s > 200 and len(text[s:s + 200].split(None, k)) > k:
        return True
    return len(text[s:e].split(None, k)) > k


# ----------------------------------------------------------------------------- extraction

def extract(text: object, segments: Any = None, scare_max_words: int = 5) -> list[dict]:
    """The rows of :func:`framing.quotation.extract_quotes` (documented there): every
    attribution in one document, with the keys of ``QUOTE_COLUMNS`` except ``doc_id``."""
    if not isinstance(text, str) or not text.strip():
        return []
    if segments is None:
        from .text import segment

        segments = segment(text, tokens=False)
    seg = segments
    # (typed locals let the compiled build use native ints for the offsets)
    sents: list[tuple[int, int]] = seg.sentences
    if not sents:
        return []
    qspans = quote_spans(text, seg.paragraphs)
    q_starts = [q[0] for q in qspans]
    q_ends = [q[1] for q in qspans]
    cue_re, cue_info, sb, sa, subj = _patterns()
    rev = text[::-1]
    resolver = Resolver(text, rev)
    n = len(text)
    rows: list[dict] = []
    # a cue row that can head "what X called" (_drop_nested_what; the headline row, whose
    # cue is a colon, never can)
    any_what = False

    def quote_ending_before(pos: int) -> int:
        """Index of a quote span whose end is right before ``pos`` (only , — between)."""
        k = bisect_right(q_ends, pos) - 1
        if k < 0:
            return -1
        qe = q_ends[k]
        d = pos - qe            # = len(gap)
        if d >= 60:
            return -1
        gap = text[qe:pos]
        if d <= 4 and not gap.strip(" ,—–-\u00a0\t'’"):
            return k
        if d <= 8 and gap.strip(" ,—–-\u00a0\t'’") == "the":
            return k            # "…," the White House said
        if (text[qe - 2] in ",?!" and _DESCRIPTOR_GAP.match(gap)
                and not _GAP_FUNC.search(gap)):
            return k            # "…," Sanders campaign manager Jeff Weaver said
        return -1

    def quote_after(pos: int, limit: int) -> int:
        k = bisect_left(q_starts, pos)
        if k < len(q_starts) and q_starts[k] < limit:
            return k
        return -1

    s_starts: list[int] = seg._sentence_starts
    nq = len(q_starts)
    for m in _cue_matches(cue_re, _cue_text(text), qspans):
        vs, ve = m.span()
        ve -= 1                 # the pattern starts with the space (or newline) before the cue
        form = text[vs:ve]
        if form[0] == "A":
            form = form.lower()
        elif vs > 2 and text[vs - 2] in _NOT_BEFORE_CUE_LAST:
            # cheap pre-filter: a cue right after a determiner, a preposition or "to" is a
            # noun or an infinitive ("the report", "to say"), not an attribution (the word
            # before is looked up only if its last letter and its length fit a listed word)
            k = text.rfind(" ", vs - 12 if vs > 12 else 0, vs - 1)
            if (0 < vs - 2 - k <= _NOT_BEFORE_CUE_MAXLEN
                    and text[k + 1:vs - 1] in _NOT_BEFORE_CUE):
                continue
        info = cue_info.get(form)
        if info is None:
            info = cue_info.get(" ".join(form.split()))
            if info is None:
                continue
        lemma, vclass, comp, ing, what = info
        si = bisect_right(s_starts, vs) - 1
        ss, se = sents[si if si > 0 else 0]
        spk = None          # (start, end, kind)
        app = None          # appositive after a name: "Peter Cook, Carter's spokesman, said"
        content = None      # (start, end)
        inverted = False
        borrowed = False
        gen_after = False
        if lemma == "according to":
            mm = sa.match(text, ve, se)
            if mm is None:
                continue
            spk = _speaker_from(mm)
            inverted = True
        else:
            win = ss - 1 if ss > 0 else 0
            if win < vs - 160:
                win = vs - 160
            mb = sb.match(rev, n - vs, n - win)
            if mb is not None:
                # (the speaker as locals a, b, g until it is accepted: no tuple per test)
                g = mb.lastgroup
                if g in _SPK_GROUPS:
                    a, b = mb.span(g)
                else:       # pragma: no cover - defensive, as in _speaker_from
                    a, b, g = _speaker_from(mb)
                a, b = n - b, n - a
                aa, ab = mb.span("app")
                if aa >= 0:
                    app = (n - ab, n - aa)
                ok = True
                if g == "name":
                    a, b = trim_name(text, a, b)
                    if a >= b or (ing and text[a:b] in _NAME_STOP):
                        ok = False      # "Trump … on Thursday promising": not "Thursday"
                elif g == "gen":
                    # a generic noun phrase ("the man", "the ad") credits a quotation before
                    # it, or a quotation / a that-clause right after the cue
                    if quote_ending_before(a) >= 0:
                        g = "role"
                    elif _GEN_CONTENT.match(text, ve) and not _REV_PASSIVE.match(
                            rev, n - vs, (n - vs + 10 if vs > 10 else n)):
                        g = "role"
                        gen_after = True
                    else:
                        ok = False
                if ok and not (
                        (g != "pron" and (a < 2 or text[a - 2] not in _NOT_PREP_END)
                         and _REV_PREP.match(rev, n - a, n - a + 20 if a > 20 else n)
                         and not (ing and text[a - 3:a] == "of "))
                        or (g != "pron" and text[b - 2:b] in ("’s", "'s"))
                        or (g == "name" and text[ve + 1:ve + 2] not in _NOT_NOUN_AFTER_START
                            and _NOUN_AFTER.match(text, ve))):
                    spk = (a, b, g)
            if spk is None and lemma in _INVERTIBLE:
                before = text[max(ss, vs - 3):vs].rstrip()
                if before.endswith((",", "”", '"', "’", "'")):
                    mm = sa.match(text, ve, se)
                    if mm is not None and (
                            before[-1] != "," or _INVERTED_END.match(text, mm.end())):
                        spk = _speaker_from(mm)
                        if text[spk[1] - 1] == "." and text[spk[1] - 2].islower():
                            spk = (spk[0], spk[1] - 1, spk[2])
                        inverted = True
                    elif mm is None and before[-1] != "," and lemma in _INVERT_NP_LEMMAS:
                        # "“…,” said a 2008 Clinton veteran." : any short noun phrase
                        kq0 = quote_ending_before(vs)
                        if kq0 >= 0 and text[q_ends[kq0] - 2] in ",?!":
                            mn = _INVERTED_NP.match(text, ve, se)
                            if mn is not None:
                                spk = (mn.start(1), mn.end(1), "role")
                                inverted = True
            if spk is None and (ing or _and_before(text, ss if ss > vs - 30 else vs - 30, vs)):
                # "…, adding that …" / "… and said …": the speaker of the main clause
                spk = _clause_subject(rows, text, ss, vs, subj)
                borrowed = spk is not None
            if spk is None and (form in _NP_CUES or (
                    not ing and lemma not in _NP_NOT_LEMMAS)):
                spk = _np_subject(text, ss, vs)
                if spk is not None and _np_not_speaker(text, spk, form, lemma, ve):
                    spk = None
            if spk is None:
                continue
            if lemma in _IDIOM_LEMMAS and _IDIOM_AFTER.match(text, ve):
                continue        # "the conflict has claimed the lives of …"
            if not ing and (vs < 2 or text[vs - 2] not in _NOT_PASSIVE_END) and _REV_PASSIVE.match(
                    rev, n - vs, (n - vs + 10 if vs > 10 else n)):
                continue
            if text[ve + 1:ve + 2] not in _NOT_PARTICLE_START and _PARTICLE.match(text, ve):
                continue
        cue_end = ve
        att_start = vs if borrowed or spk[0] > vs else spk[0]
        att_end = spk[1] if spk[1] > ve else ve
        kind = None
        # 1. a quotation right before the speaker / the cue: "…," Carter said
        if borrowed or gen_after:
            kq = -1
        else:   # quote_ending_before(att_start), its first test inlined (most cues fail it)
            kq = bisect_right(q_ends, att_start) - 1
            if kq >= 0 and att_start - q_ends[kq] < 60:
                kq = quote_ending_before(att_start)
            else:
                kq = -1
        triv = None     # does only a trivial rest follow the cue? (computed once, on demand)
        if kq >= 0 and text[q_ends[kq] - 2] in ".!?":
            triv = _TRIVIAL_REST.match(text, ve, se) is not None
            if not triv and (text[q_ends[kq] - 2] == "."
                             or _that_match(text, ve, min(se, ve + 70))):
                kq = -1     # "“… .” He writes that …": the quote closed the previous sentence
        strong = False
        if kq >= 0:
            content = (q_starts[kq], q_ends[kq])
            kind = "direct"
            strong = True
        if content is None and lemma == "according to":
            content = _according_content(text, ss, se, vs, att_end)
            if content is not None:
                kind = "indirect"
        if content is None and not inverted:
            # 2. a quotation right after the cue: X said: "…"
            limit = ve + 90 if ve + 90 < n else n
            ka = bisect_left(q_starts, ve)     # quote_after(ve, limit), inlined
            if ka < nq and q_starts[ka] < limit:
                between = text[ve:q_starts[ka]]
                if not between.strip(" \t\n\r\u00a0,:") or (
                    between.rstrip().endswith((":", ",")) and ". " not in between
                    and "\n" not in between.rstrip()
                ):
                    content = (q_starts[ka], q_ends[ka])
                    kind = "direct"
            if content is None:
                rest_end = se
                if triv is None:
                    triv = _TRIVIAL_REST.match(text, ve, se) is not None
                if not triv:
                    lim = rest_end if rest_end < ve + 70 else ve + 70
                    # _that_match, inlined: the pattern needs "that" in the window
                    mt = _THAT.match(text, ve, lim) if text.find("that", ve, lim) >= 0 else None
                    if comp == "that" and mt is None:
                        rest = text[ve:ve + 3].lstrip()
                        if not rest.startswith(":"):
                            continue
                    cs = mt.start(1) if mt else ve
                    while cs < rest_end and text[cs] in " \t\n\r\u00a0,:":
                        cs += 1
                    content = _clause_end(text, cs, rest_end, q_starts, q_ends)
                    kind = "indirect"
        if content is None:
            # 4. the clause before: "…, Carter said."
            if att_start > ss and _CLAUSE_BEFORE_END.search(text, ss, att_start):
                e = att_start
                while e > ss and text[e - 1] in " ,—–\t":
                    e -= 1
                if e - ss >= 8:
                    content = (ss, e)
                    kind = "indirect"
        if content is None and triv is None:
            triv = _TRIVIAL_REST.match(text, ve, se) is not None
        if content is None and triv and (
                not text[ss:att_start].strip(" \t\"“") or _WHAT_PREFIX.match(text, ss, att_start)):
            # 5. an attribution sentence after a quotation: "“…”\n\nThat is what Smith said."
            #    or "“…” Smith said." split off by the segmenter
            k = bisect_right(q_ends, att_start) - 1
            if k >= 0 and not text[q_ends[k]:ss].strip() and q_ends[k] > ss - 4:
                content = (q_starts[k], q_ends[k])
                kind = "direct"
        if content is None or content[1] <= content[0]:
            continue
        s_, e_ = content
        if kind == "indirect":
            k = bisect_left(q_starts, s_)
            if k < len(q_starts) and q_starts[k] < e_:
                kind = "mixed"
        elif kind == "direct" and _is_fragment(text, s_, e_, ss):
            kind = "partial"
        if what:
            any_what = True
        rows.append({
            "kind": kind, "start": s_, "end": e_,
            "_spk": spk, "_app": app, "_cue": (vs, cue_end), "verb": text[vs:cue_end],
            "verb_class": vclass, "_pos": spk[0] if spk[0] < vs else vs, "_strong": strong,
        })

    if seg.paragraphs:
        # a headline "Carson: Clinton ‘Not Fit To Serve’" credits its speaker
        ps0, pe0 = seg.paragraphs[0]
        mh = _HEADLINE.match(text, ps0, pe0) if pe0 - ps0 <= 200 else None
        if mh is not None and mh.group(1) not in _SUBJECT_STOP:
            a, b = mh.span(1)
            cs, ce = mh.span(2)
            while ce > cs and text[ce - 1] in " .\t":
                ce -= 1
            if ce - cs >= 8:
                kh = quote_after(cs, ce)
                kind = ("indirect" if kh < 0 else "direct"
                        if (q_starts[kh], q_ends[kh]) == (cs, ce) else "mixed")
                rows.append({"kind": kind,
                             "start": cs, "end": ce, "_spk": (a, b, "name"), "_app": None,
                             "_cue": (b, b + 1), "verb": ":", "verb_class": "neutral", "_pos": a})
    rows = _dedupe(rows)
    if any_what:
        rows = _drop_nested_what(text, rows)
    _cut_at_next_cue(text, rows)
    par_starts = [p[0] for p in seg.paragraphs]
    rows = _unclaimed(text, seg, qspans, rows, scare_max_words,
                      lambda qs, ss: _lead_attribution(text, qs, ss, sb, subj, rev, cue_info),
                      lambda ss, qs: _subject_verb(text, ss, qs, subj, cue_info), par_starts)
    rows.sort(key=lambda r: (r["_pos"], r["start"]))
    out: list[dict] = []
    append = out.append
    done: dict[int, dict] = {}
    speaker: str | None
    mention: str | None
    ms: int | None
    me: int | None
    verb: str | None
    sent_starts = s_starts
    resolve = resolver.resolve
    for i, r in enumerate(rows):
        spk = r["_spk"]
        cue = r["_cue"]
        src = r.get("_copy")
        if src is not None and id(src) in done:
            o = done[id(src)]
            speaker, mention, ms, me = (o["speaker"], o["speaker_mention"],
                                        o["speaker_start"], o["speaker_end"])
        elif spk is not None:
            ms, me, sk = spk
            mention = text[ms:me]
            app = r.get("_app")
            speaker, _ = resolve(mention, sk, ms,
                                 appositive=text[app[0]:app[1]] if app else None)
        elif r.get("_inherit"):
            ms = me = None
            mention = None
            speaker = _last_speaker(out)
        else:
            ms = me = mention = speaker = None
        s_ = r["start"]
        e_ = r["end"]
        if cue:
            c0, c1 = cue
            verb = text[c0:c1]
            row_class = r["verb_class"]
        else:
            c0 = c1 = verb = row_class = None
        si = bisect_right(sent_starts, s_) - 1
        pi = bisect_right(par_starts, s_) - 1
        row = {
            "quote_id": i, "kind": r["kind"], "start": s_, "end": e_, "text": text[s_:e_],
            "speaker": speaker, "speaker_mention": mention,
            "speaker_start": ms, "speaker_end": me,
            "verb": verb, "verb_start": c0, "verb_end": c1, "verb_class": row_class,
            "sentence": si if si > 0 else 0,
            "paragraph": pi if pi > 0 else 0,
        }
        append(row)
        done[id(r)] = row
    return out


_NOT_BEFORE_CUE: Final = frozenset(
    "the a an his her its their our my your this these those of in for on at from no "
    "any some such every each one The A An His Her Its Their Our This These Those no".split()
)
_NOT_BEFORE_CUE_LAST: Final = frozenset(w[-1] for w in _NOT_BEFORE_CUE)
_NOT_BEFORE_CUE_MAXLEN: Final = max(map(len, _NOT_BEFORE_CUE))
_GEN_CONTENT: Final = re.compile(r"(?:\s*[,:])?\s*(?:[“\"]|that\b)")
_NOUN_AFTER: Final = re.compile(r"\s+(?:was|is|were|are|has|have|had|will|would)\b")
_INVERTED_END: Final = re.compile(r"(?:\s*\([^()\n]{1,40}\))?\s*(?:[.,;:!?]|\Z)")
_AND_BEFORE: Final = re.compile(r"(?:,|\band)\s+(?:(?:also|then|later|further|has|had|have)\s+)*\Z")


def _and_before(text: str, lo: int, vs: int) -> bool:
    """``_AND_BEFORE.search(text, lo, vs)``, skipping the search when neither a comma nor
    "and" occurs in the window (the pattern needs one of them)."""
    if text.find(",", lo, vs) < 0 and text.find("and", lo, vs) < 0:
        return False
    return _AND_BEFORE.search(text, lo, vs) is not None


_PARTICLE: Final = re.compile(r"\s+(?:off|up|down|back|away|over)\b")
# Cheap exact pre-checks that skip a regex bound to fail.  A cue always follows a space,
# newline or no-break space (text[vs - 1]); the word before it ends at text[vs - 2], and
# _REV_PASSIVE needs that word to end in s/e/n/g/m (is was were are be been being am,
# case-insensitive): any other printable ASCII character there fails it.  After a cue,
# _PARTICLE needs whitespace and then o/u/d/b/a; a printable ASCII character other than
# those right after one space fails it (text[ve] is then a space, or the pattern fails).
_ASCII_PRINTABLE: Final = frozenset(chr(i) for i in range(33, 127))
_NOT_PASSIVE_END: Final = _ASCII_PRINTABLE - frozenset("sengmSENGM")
_NOT_PARTICLE_START: Final = _ASCII_PRINTABLE - frozenset("oudba")
_NOT_NOUN_AFTER_START: Final = _ASCII_PRINTABLE - frozenset("wiah")   # likewise for _NOUN_AFTER
# _REV_PREP needs whitespace before the speaker and, before that, the last letter of
# "the", "a", "an" or a preposition (case-insensitive)
_NOT_PREP_END: Final = _ASCII_PRINTABLE - frozenset(
    c for w in _PREP_WORDS + ["the", "a", "an"] for c in (w[-1].lower(), w[-1].upper()))


_NP_CLAUSE: Final = re.compile(
    r"\b(?:that|which|who|whom|whose|is|was|are|were|will|would|can|could|should|may|might|"
    r"if|when|while|because|as|than|did|does|do|be|been|being|not|it|this|there|what|how|"
    r"after|before|since|he|she|they|we|I|you)\b|[“”\"():;?!]")
_NP_START: Final = re.compile(r"[A-Z0-9]|(?:a|an|the|about|nearly|almost|more|most|less|fewer|some|"
                       r"many|half|only|just|roughly|around|over|under)\b")
_NP_TRAIL_LIST: Final = ("has have had also later previously then repeatedly reportedly recently "
                  "publicly once again first often even already never only still now all "
                  "both").split()
_NP_TRAIL: Final = re.compile(r"(?:\s+(?:" + "|".join(_NP_TRAIL_LIST) + r"))+\s*\Z")
_NP_TRAIL_WORDS: Final = frozenset(_NP_TRAIL_LIST)


#: cue forms that are verbs, not nouns, after a bare noun phrase ("47 percent say")
_NP_CUES: Final = frozenset(
    "say says said tell tells told write writes wrote add adds note notes argue argues think "
    "thinks thought believe believes know knew knows find finds found show shows showed warn "
    "warns insist insists explain explains ask asks agree agrees".split())
_NP_NOT_LEMMAS: Final = frozenset("call post report publish answer comment continue".split())


_PREP_AFTER: Final = re.compile(
    r"[ \t\u00a0]+(?:for|of|about|on|from|by|against|over|in|to|with|at|into|toward|towards|"
    r"and|or|are|were|have|had|has|will|would|could|can|should|may|might)\b")
_NP_PREP: Final = re.compile(r"\s+(?:of|in|on|at|for|from|over|with|between|against|across|near|inside|"
                      r"outside|along|around)\b")
_IDIOM_LEMMAS: Final = frozenset(("claim",))
_IDIOM_AFTER: Final = re.compile(r"\s+(?:the\s+|their\s+|many\s+|more\s+|at\s+least\s+)?li(?:fe|ves)\b")


@lru_cache(maxsize=1)
def _inanimate() -> frozenset:
    """Head nouns that cannot speak ("conflict", "war", "storm"): ``inanimate`` rows of
    ``framing/data/speaker_titles.csv``."""
    src = resources.files("framing.data").joinpath("speaker_titles.csv")
    with io.TextIOWrapper(src.open("rb"), encoding="utf-8", newline="") as fh:
        return frozenset(r["word"] for r in csv.DictReader(fh) if "inanimate" in r["kinds"].split("|"))


def _np_not_speaker(text: str, spk: tuple[int, int, str], form: str, lemma: str,
                    ve: int) -> bool:
    """A clause-opening noun phrase that is not the speaker of the cue after it:

    * the cue is a plural noun inside the phrase ("The new pledges for military
      deployments …", "Their calls to …"): an -s form followed by a preposition, a
      conjunction or another verb;
    * the phrase's head cannot speak ("The conflict in Syria has claimed …", "the war
      showed …") and no quotation or that-clause follows the cue.
    """
    if form.endswith("s") and form != lemma and _PREP_AFTER.match(text, ve):
        return True
    a, b = spk[0], spk[1]
    mp = _NP_PREP.search(text, a, b)
    head_end = mp.start() if mp is not None else b
    k = text.rfind(" ", a, head_end)
    head = text[k + 1:head_end].lower()
    if head in _inanimate() and not _GEN_CONTENT.match(text, ve):
        return True
    return False


def _np_trail(text: str, lo: int, vs: int) -> re.Match | None:
    """``_NP_TRAIL.search(text, lo, vs)``, skipped when it cannot match: the pattern needs
    the window's last word among :data:`_NP_TRAIL_WORDS`, after whitespace."""
    tail = text[lo:vs].rsplit(None, 1)
    if tail and tail[-1] in _NP_TRAIL_WORDS and (len(tail) == 2 or text[lo].isspace()):
        return _NP_TRAIL.search(text, lo, vs)
    return None


def _np_subject(text: str, ss: int, vs: int) -> tuple[int, int, str] | None:
    """The noun phrase that opens the clause of a cue ("Twenty-four percent said",
    "Some advocates for stem cell research said", "In Texas, half of GOP voters said"),
    when no tabled speaker pattern matched: at most ten words after the sentence start or
    the last comma / dash, with no clause word in them."""
    a = ss
    for sep in (",", "—", "–"):
        k = text.rfind(sep, ss, vs)
        if k >= a:
            a = k + 1
    if a > ss and text[a - 1] == "," and text.count(",", ss, a) > 1:
        return None
    e = vs
    mt = _np_trail(text, a if a > vs - 40 else vs - 40, vs)
    if mt is not None:
        e = mt.start()
    while a < e and text[a] in " \t\n\u00a0":
        a += 1
    while e > a and text[e - 1] in " \t\n\u00a0":
        e -= 1
    if e <= a or e - a > 90 or not _NP_START.match(text, a):
        return None
    nw = text.count(" ", a, e) + 1
    if nw > 10 or _NP_CLAUSE.search(text, a, e):
        return None
    return a, e, "role"


def _subject_span(text: str, m: re.Match) -> tuple[int, int, str] | None:
    """``(start, end, group)`` of a clause-subject match, a name trimmed of glued words;
    None for a pronoun that cannot be a speaker ("it", "who", "which")."""
    a, b, g = _speaker_from(m)
    if g == "name":
        a, b = trim_name(text, a, b)
    elif g == "pron" and text[a:b].lower() in ("it", "who", "which"):
        return None
    return a, b, g


def _clause_subject(rows: list[dict], text: str, ss: int, vs: int,
                    subj: re.Pattern[str]) -> tuple[int, int, str] | None:
    """The speaker of an earlier attribution in the same sentence, else the sentence's
    subject when it is a pronoun, a name or a role noun phrase."""
    # (index loops instead of reversed(): mypyc 2.4.1 cannot compile reversed() here)
    for ri in range(len(rows) - 1, -1, -1):
        r = rows[ri]
        cue = r["_cue"]
        if cue is None or cue[0] < ss:
            break
        if cue[0] < vs and r["_spk"] is not None:
            return r["_spk"]
    pos = ss
    mq = _LEAD_QUOTE.match(text, ss, vs)
    if mq is not None:
        pos = mq.end()          # "“…,” Blige sings to Clinton before asking her"
    for _ in range(2):
        m = subj.match(text, pos, vs)
        if m is not None:
            span = _subject_span(text, m)
            if span is None:
                return None
            a, b, g = span
            if a < b and text[a:b] not in _SUBJECT_STOP:
                return a, b, g
        c = text.find(",", pos, vs)       # skip an opening adverbial: "In December, the prince"
        if c < 0:
            return None
        pos = c + 1
    return None


_SUBJECT_STOP: Final = frozenset("Then So At When After Amid Today In On First Last And But If"
                          .split())
_LEAD_QUOTE: Final = re.compile(r"[“\"][^”\"\n]{1,400}[”\"][\s,]*")


_INVERTED_NP: Final = re.compile(
    r"\s+((?:a|an|the|one|two|three|several|some|many|another|[A-Z0-9])[^\s,.;:!?“”\"()]*"
    r"(?:\s+[^\s,.;:!?“”\"()]+){0,7})\s*(?:[,.;:!?]|\Z)")
_INVERT_NP_LEMMAS: Final = frozenset("say tell add write explain ask reply respond note insist argue "
                              "claim warn declare recall remark state conclude observe".split())


_INVERTIBLE: Final = frozenset(
    "say tell add write continue explain ask reply respond note insist argue claim warn "
    "declare recall remark state concede admit announce conclude observe quip joke "
    "tweet post report predict".split()
)


def _speaker_from(m: re.Match) -> tuple[int, int, str]:
    g = m.lastgroup     # the speaker alternatives hold no groups: the last one is the match
    if g in _SPK_GROUPS:
        a, b = m.span(g)
        return a, b, g
    for g in ("pron", "name", "role", "gen"):  # pragma: no cover - defensive
        if g in m.re.groupindex and m.group(g) is not None:
            a, b = m.span(g)
            return a, b, g
    raise AssertionError("speaker pattern matched no group")  # pragma: no cover


_SPK_GROUPS: Final = frozenset(("pron", "name", "role", "gen"))


def _clause_end(text: str, cs: int, se: int, q_starts: list[int], q_ends: list[int]) -> tuple[int, int]:
    """Content from ``cs`` to the end of its clause (the sentence, without its final stop)."""
    e = se
    semi = text.find(";", cs, e)
    if semi > cs:
        e = semi
    # a quotation running past the sentence end extends the content
    k = bisect_right(q_starts, e - 1) - 1
    if k >= 0 and q_starts[k] >= cs and q_ends[k] > e:
        e = q_ends[k]
    while e > cs and text[e - 1].isspace():
        e -= 1
    if e > cs and text[e - 1] in ".!?,:" and not (e - 2 >= cs and text[e - 2] == "."):
        e -= 1
    return cs, e


def _according_content(text: str, ss: int, se: int, vs: int, att_end: int) -> tuple[int, int] | None:
    """Content of an "according to X" cue: the clause before it, or after the speaker."""
    head = text[ss:vs]
    if head.strip(" ,\t\"“"):
        e = vs
        while e > ss and text[e - 1] in " ,—–(\t":
            e -= 1
        if e - ss < 8:
            return None
        return ss, e
    c = text.find(",", att_end, se)
    if c < 0:
        return None
    cs = c + 1
    while cs < se and text[cs].isspace():
        cs += 1
    e = se
    while e > cs and text[e - 1] in ".!? \t":
        e -= 1
    return (cs, e) if e > cs else None


def _is_fragment(text: str, s: int, e: int, ss: int) -> bool:
    """A quoted fragment inside a clause rather than a full quotation."""
    j = e - 1               # text[s + 1:e - 1].rstrip(), without copying the quotation
    while j > s + 1 and text[j - 1].isspace():
        j -= 1
    if j <= s + 1 or text[j - 1] in ".!?,:;…":
        return False
    return (s > ss and text[s - 2:s].strip() not in ("", ":", ",")
            and not _more_words(text, s, e, 5))


_COORD: Final = re.compile(r"(?:\s*[,;]\s*(?:and\s+|but\s+)?|\s+and\s+|\s+but\s+)\Z")


def _cut_at_next_cue(text: str, rows: list[dict]) -> None:
    """End a content after its cue where a coordinated attribution begins:
    "He called it X, and said that Y" -> "it X"."""
    cues = []
    gap = None
    for r in rows:
        cue = r["_cue"]
        if cue is not None:
            spk = r["_spk"]
            vs = cue[0]
            sp = spk[0] if spk else vs
            cues.append((vs, sp))
            if gap is None or vs - sp > gap:
                gap = vs - sp
    if not cues:
        return
    cues.sort()
    c_vs = [c[0] for c in cues]
    nc = len(cues)
    for r in rows:
        cue = r["_cue"]
        if cue is None or r["kind"] == "direct" or r["start"] < cue[1]:
            continue
        rs = r["start"]
        # cues at or before the content start cannot cut it; nor can those whose speaker
        # starts after the content end
        for i in range(bisect_right(c_vs, rs), nc):
            vs, sp = cues[i]
            re_ = r["end"]
            if vs - gap >= re_:
                break
            a = sp if rs < sp < vs else vs
            if rs < a < re_ and vs > cue[0]:
                m = _COORD.search(text, max(rs, a - 12), a)
                if m is not None and m.start() > rs:
                    r["end"] = m.start()
                break


def _rank(r: dict) -> int:
    """Preference among cues claiming one content: a quotation right before its
    attribution ("…," X said) wins; otherwise the earlier claim stands (ranking the others
    by distance to the content was measured on PolNeAR and cost recall)."""
    return 0 if r.get("_strong") else 1


_WHAT_BEFORE: Final = re.compile(r"\bwhat\s+(?:[\w’'.-]+\s+){1,4}\Z", re.IGNORECASE)


_WHAT_CUES: Final = frozenset(("cal", "des", "ter", "dub", "lab"))   # call, describe, term, dub, label


def _drop_nested_what(text: str, rows: list[dict]) -> list[dict]:
    """Drop a "what X called …" cue that sits inside another attribution's content.

    "Stoltenberg said NATO deployed ships for what he called countering human
    trafficking" is one attribution, Stoltenberg's: "what he called" distances the
    reporter from a term (the loaded-terms module reports it) and a separate row would
    count Stoltenberg twice.  On PolNeAR train the gold never annotates a "what X called"
    nested inside another attribution's content (0 of 23) but does annotate it otherwise
    (19 of 21), including when the what-clause is itself the object of a cue ("Ban
    condemned what he called a “brazen breach”"): only a what-clause inside, not opening,
    another row's content is dropped.
    """
    if len(rows) < 2:
        return rows
    drop = set()
    for i, r in enumerate(rows):
        cue = r["_cue"]
        if cue is None or text[cue[0]:cue[0] + 3] not in _WHAT_CUES:
            continue
        mw = _WHAT_BEFORE.search(text, max(0, cue[0] - 60), cue[0])
        if mw is None:
            continue
        vs, wpos = cue[0], mw.start()
        for j, o in enumerate(rows):
            if j != i and j not in drop and o["start"] < wpos - 1 and vs < o["end"]:
                drop.add(i)
                break
    if not drop:
        return rows
    return [r for i, r in enumerate(rows) if i not in drop]


def _dedupe(rows: list[dict]) -> list[dict]:
    """Drop rows with the same content span as an earlier one (two cues, one quote)."""
    seen: dict[tuple[int, int], int] = {}
    out: list[dict] = []
    for r in rows:
        key = (r["start"], r["end"])
        if key in seen:
            j = seen[key]
            if _rank(r) < _rank(out[j]):
                out[j] = r      # "…," X said beats a lead cue "Y defends …: “…”"
            continue
        seen[key] = len(out)
        out.append(r)
    return out


_LEAD_END: Final = re.compile(r"([\w’'-]+)[ \t]*([,:])[ \t\n\u00a0]*\Z")
_LEAD_WORD: Final = re.compile(r"[A-Za-z][\w’'-]*")
_NOT_VERB_S: Final = frozenset(
    "is was has his this its us as thus was does yes news politics always perhaps whereas "
    "its hers ours yours theirs less unless across series species plus"
    " percent".split()
)


def _verb_like(w: str, cue_info: dict) -> bool:
    """A lowercase word that reads as a finite reporting verb ("echoed", "reads", "tweeted")."""
    if w in cue_info:
        return True
    if not w.islower() or len(w) < 4 or w in _NOT_VERB_S:
        return False
    return w.endswith(("ed", "es")) or (w.endswith("s") and not w.endswith(("ss", "us", "is")))


def _lead_end(text: str, lo: int, j: int) -> tuple[int, int] | None:
    r"""``(m.start(), m.end(1))`` of ``_LEAD_END.search(text, lo, qs)``, or None, when
    ``text[j - 1]`` is the [,:] and only [ \t\n\u00a0] follow it up to ``qs``.

    Found from the end instead of by a search over the window: the word ends before the
    [ \t]* before the mark, and the leftmost match starts where the run of word characters
    (``\w`` is ``isalnum()`` or ``_``) starts, not before ``lo``."""
    w_end = j - 1
    while w_end > lo and text[w_end - 1] in " \t":
        w_end -= 1
    m_start = w_end
    while m_start > lo and (text[m_start - 1].isalnum() or text[m_start - 1] in "_’'-"):
        m_start -= 1
    return None if m_start == w_end else (m_start, w_end)


def _lead_attribution(text: str, qs: int, ss: int, sb: re.Pattern, subj: re.Pattern,
                      rev: str, cue_info: dict):
    """Speaker and cue of a quotation introduced by a clause ending in a comma or a colon
    ("the judge interrupted: “…”", "the headline reads: “…”", "Moore echoed, “…”"): the
    cue is the clause's reporting verb (a lexicon form, else the last verb-like word), the
    speaker the noun phrase before it or the clause subject."""
    lo = ss if ss > qs - 200 else qs - 200
    j = qs
    while j > lo and text[j - 1] in " \t\n\u00a0":
        j -= 1
    if j <= lo or text[j - 1] not in ",:":
        return None         # the pattern ends in "[,:][ \t\n\u00a0]*": no match
    m = _lead_end(text, lo, j)
    if m is None or m[0] <= ss:
        return None
    m_start, w_end = m
    words = list(_LEAD_WORD.finditer(text, max(ss, m_start - 120), w_end))
    if not words:
        return None
    cue = None
    if text[j - 1] == ":":
        for w in words[-6:][::-1]:
            if _verb_like(w.group().lower() if w.group()[0] == "A" else w.group(), cue_info):
                cue = w.span()
                break
        if cue is None:
            cue = (words[-1].start(), j)
    else:
        w = words[-1]
        if not _verb_like(w.group(), cue_info):
            return None
        cue = w.span()
    n = len(text)
    vs = cue[0]
    mb = sb.match(rev, n - vs, n - ss)
    spk = None
    if mb is not None:
        a, b, g = _speaker_from(mb)
        a, b = n - b, n - a
        if g == "name":
            a, b = trim_name(text, a, b)
        if a < b:
            spk = (a, b, g if g != "gen" else "role")
    if spk is None:
        ms = subj.match(text, ss, vs)
        if ms is not None:
            a, b, g = _speaker_from(ms)
            if g == "name":
                a, b = trim_name(text, a, b)
            if a < b and text[a:b] not in _SUBJECT_STOP:
                spk = (a, b, g)
    if spk is None:
        return None
    form = text[cue[0]:cue[1]]
    info = cue_info.get(form.lower())
    return spk, cue, (info[1] if info else "neutral")


def _unclaimed(text: str, seg: Any, qspans: list[tuple[int, int, bool]], rows: list[dict],
               scare_max: int,
               lead=None, subject=None, par_starts: list[int] | None = None) -> list[dict]:
    """Attribute the quotations no cue claimed: dash credits, continuations, scare quotes."""
    claimed = sorted([(r["start"], r["end"]) for r in rows])
    c_starts = [c[0] for c in claimed]
    out = list(rows)
    direct_by_end = {r["end"]: r for r in rows if r["kind"] == "direct"}
    # (typed locals let the compiled build use native ints for the offsets)
    paragraphs: list[tuple[int, int]] = seg.paragraphs
    if par_starts is None:
        par_starts = [p[0] for p in paragraphs]
    sentences: list[tuple[int, int]] = seg.sentences
    s_starts: list[int] = seg._sentence_starts
    for qs, qe, _ok in qspans:
        k = bisect_right(c_starts, qs) - 1
        inside = False
        j = k
        while j >= 0 and j >= k - 3:
            if claimed[j][0] <= qs and qe <= claimed[j][1]:
                inside = True
                break
            j -= 1
        if inside:
            continue
        p = bisect_right(par_starts, qs) - 1      # = seg.paragraph_of(qs)
        if p < 0:
            p = 0
        ps, pe = paragraphs[p]
        # "…" – X
        md = _DASH_SPEAKER.match(text, qe, pe)
        if md is not None and (md.end() >= pe - 1 or _LINE_END.match(text, md.end(), pe)):
            a, b = trim_name(text, *md.span(1))
            if a < b:
                d = md.start(1) - 1
                while d > qe and text[d] not in "—–―-":
                    d -= 1
                out.append({"kind": "direct", "start": qs, "end": qe, "_spk": (a, b, "name"),
                            "_cue": (d, d + 1), "verb": text[d], "verb_class": "neutral",
                            "_pos": qs})
                continue
        # X: "…" (a transcript or a credit line)
        lo = ps if ps > qs - 60 else qs - 60
        j = qs
        while j > lo and text[j - 1] in " \t":
            j -= 1
        # the pattern ends in ":[ \t]*": only search when a colon is there
        mc = _COLON_SPEAKER.search(text, lo, qs) if j > lo and text[j - 1] == ":" else None
        if mc is not None and (mc.start() == ps or text[mc.start() - 2:mc.start()].strip() in
                               (".", "?", "!", "-", "—", "–")):
            a, b = trim_name(text, *mc.span(1))
            if a < b:
                c = mc.end(1)
                out.append({"kind": "direct", "start": qs, "end": qe, "_spk": (a, b, "name"),
                            "_cue": (c, c + 1), "verb": ":", "verb_class": "neutral",
                            "_pos": a})
                continue
        # a continuation of the previous direct quote in the same sentence run: "“A,” he said. “B.”"
        prev = _prev_direct(direct_by_end, text, qs, ps)
        if prev is not None:
            prev["end"] = qe
            direct_by_end[qe] = prev
            continue
        many = _more_words(text, qs, qe, scare_max)     # not a scare-length fragment
        si = bisect_right(s_starts, qs) - 1             # = seg.sentence_of(qs)
        if si < 0:
            si = 0
        if lead is not None:
            ss = sentences[si][0]
            if ss == qs or not text[ss:qs].strip(" \t\n“\"‘'"):
                # the quote opens its sentence: a lead clause ending in a colon before it
                ss = sentences[si - 1][0] if si > 0 and _ends_with_colon(text, qs) else -1
            la = lead(qs, ss) if ss >= 0 else None
            if la is not None:
                spk, cue, vclass = la
                out.append({"kind": "direct" if many or qs <= ps + 1 else "partial",
                            "start": qs, "end": qe, "_spk": spk, "_cue": cue,
                            "verb": text[cue[0]:cue[1]], "verb_class": vclass,
                            "_pos": min(spk[0], cue[0])})
                direct_by_end[qe] = out[-1]
                continue
        # a paragraph that continues the quotation of the previous paragraph
        if qs <= ps + 1 and p > 0:
            last = max((r for r in out if r["start"] < qs), key=lambda r: r["end"], default=None)
            if (last is not None and last["kind"] == "direct" and last["end"] <= qs
                    and paragraphs[p - 1][0] <= last["end"] <= paragraphs[p - 1][1] + 1
                    and (last["_cue"] is None or last["_cue"][0] < paragraphs[p - 1][1])):
                last["end"] = qe
                direct_by_end[qe] = last
                continue
        fills = qs <= ps + 1 and qe >= pe - 1
        if many or fills:
            ss = sentences[si][0]
            opens = ss >= qs or not text[ss:qs].strip(" \t\n“\"‘'")
            if opens:
                # a quotation opening its sentence continues the nearest earlier attribution
                # of this or the previous paragraph ("Corker said … . “…”"; a quote-only
                # paragraph after "“…,” Viguerie notes."): PolNeAR credits that mention and cue
                src = _prev_attribution(out, qs, paragraphs[p - 1][0] if p > 0 else ps)
                if src is not None:
                    out.append({"kind": "direct", "start": qs, "end": qe, "_spk": src["_spk"],
                                "_copy": src, "_cue": src["_cue"], "verb": src["verb"],
                                "verb_class": src["verb_class"], "_pos": qs})
                    continue
            elif subject is not None and not _QMARK.search(text, ss, qs):
                # a quotation inside a sentence with no cue: the sentence's subject and verb
                # ("Gowdy referenced a report that “…”", "the FBI lists “…”")
                sv = subject(ss, qs)
                if sv is not None:
                    spk, cue = sv
                    out.append({"kind": "direct", "start": qs, "end": qe, "_spk": spk,
                                "_cue": cue, "verb": text[cue[0]:cue[1]],
                                "verb_class": "neutral", "_pos": qs})
                    continue
        if fills and many:
            out.append({"kind": "direct", "start": qs, "end": qe, "_spk": None, "_inherit": True,
                        "_cue": None, "verb": None, "verb_class": None, "_pos": qs})
            continue
        kind = "direct" if many else "scare"
        out.append({"kind": kind, "start": qs, "end": qe, "_spk": None, "_cue": None,
                    "verb": None, "verb_class": None, "_pos": qs})
    return out


def _ends_with_colon(text: str, pos: int) -> bool:
    """``text[:pos].rstrip().endswith(":")`` without copying the text."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos > 0 and text[pos - 1] == ":"


_LINE_END: Final = re.compile(r"[ \t\u00a0.]*\n")
_HEADLINE: Final = re.compile(r"([A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,4}):[ \t]+(\S[^\n]*)")
_COLON_SPEAKER: Final = re.compile(r"([A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,4}):[ \t]*\Z")
_AFTER_ATTR: Final = re.compile(r"[^“\"\n]{0,200}?[.,:]\s*\Z")


def _prev_direct(direct_by_end: dict, text: str, qs: int, ps: int) -> dict | None:
    """The direct row whose quote ends shortly before ``qs`` in the same paragraph,
    separated only by its own attribution ("“A,” he said. “B.”")."""
    for r in direct_by_end.values():
        re_ = r["end"]
        if ps <= re_ < qs and qs - re_ <= 250:
            cue = r["_cue"]
            spk = r["_spk"]
            att_end = max(cue[1] if cue else 0, spk[1] if spk else 0)
            if att_end <= r["end"] or att_end > qs:
                continue
            if _AFTER_ATTR.match(text, att_end, qs):
                return r
    return None


_QMARK: Final = re.compile(r"[“”\"]|''")


def _prev_attribution(out: list[dict], qs: int, lo: int) -> dict | None:
    """The attributed row whose cue is nearest before ``qs`` and at or after ``lo``."""
    best = None
    for r in out:
        cue = r["_cue"]
        if cue is None or r["_spk"] is None or r.get("_copy") is not None:
            continue
        if lo <= cue[0] < qs and r["end"] <= qs and (best is None or cue[0] > best["_cue"][0]):
            best = r
    return best


_SV_VERB: Final = re.compile(
    r"[ \t\u00a0]+(?:(?:has|have|had|also|later|then|once|again|recently|previously|"
    r"repeatedly|reportedly|famously|often|even|already|further|would|will|did|does|do|not|"
    r"never|just|only|still|now|first)[ \t\u00a0]+)*([a-z][a-z’'-]+)\b")


def _subject_verb(text: str, ss: int, qs: int, subj: re.Pattern, cue_info: dict):
    """The subject and main verb of the clause holding a quotation with no cue."""
    pos = ss
    for _ in range(2):
        m = subj.match(text, pos, qs)
        if m is not None:
            span = _subject_span(text, m)
            if span is None:
                return None
            a, b, g = span
            if a < b and text[a:b] not in _SUBJECT_STOP:
                mv = _SV_VERB.match(text, b, qs)
                if mv is not None:
                    w = mv.group(1)
                    if w in cue_info or _verb_like(w, cue_info):
                        return (a, b, g), mv.span(1)
            return None
        c = text.find(",", pos, qs)       # skip an opening adverbial: "In December, the prince"
        if c < 0 or c - pos > 60:
            return None
        pos = c + 1
    return None


def _last_speaker(out: list[dict]) -> str | None:
    for ri in range(len(out) - 1, -1, -1):     # newest first
        r = out[ri]
        if r["speaker"]:
            return r["speaker"]
    return None
