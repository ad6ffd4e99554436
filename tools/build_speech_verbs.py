"""Build ``framing/data/speech_verbs.csv``, the versioned speech-verb lexicon.

Run ``python tools/build_speech_verbs.py`` after editing the lemma lists below; the CSV
(one row per surface form) is what ships.  Everything here is written by the framing
developers (CC0-1.0).  The choice of lemmas was checked against the frequency of cue words
in PolNeAR train (statistics only; no PolNeAR text is copied).

Columns: lemma, form, verb_class, type (verb | phrase), complement (any | that), rationale,
provenance, licence, version.

* ``complement = "that"``: the verb attributes content only when followed by ``that``, a
  colon or a quotation (cognition and evidence verbs such as "think", "show"), which keeps
  precision up; ``any``: a zero-``that`` clause, an object or a quotation may follow.
"""
from __future__ import annotations

import csv
from pathlib import Path

VERSION = "1.1"
LICENCE = "CC0-1.0"
PROVENANCE = "framing developers, hand-curated; lemma choice checked against PolNeAR train cue counts"

#: verb_class -> (rationale, [(lemma, complement)])
CLASSES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "neutral": (
        "reports speech without evaluating the speaker or the claim",
        [(w, "any") for w in (
            "say tell add note write state report explain announce comment remark reply respond call "
            "answer continue mention recall tweet post testify describe ask observe relate "
            "repeat reiterate clarify specify inform publish conclude agree liken chant"
        ).split()],
    ),
    "assertive": (
        "presents the speaker as forceful or certain (Hyland 2005 boosters; Bell 1991)",
        [(w, "any") for w in (
            "insist assert maintain declare stress emphasize emphasise affirm contend argue "
            "proclaim point_out make_clear underscore"
        ).split()],
    ),
    "distancing": (
        "signals that the reporter does not vouch for the claim (Caldas-Coulthard 1994)",
        [(w, "any") for w in "claim allege purport profess".split()],
    ),
    "concessive": (
        "presents the content as conceded against the speaker's interest",
        [(w, "any") for w in "admit concede acknowledge confess".split()],
    ),
    "emotive": (
        "casts the speaker as emotional or hostile",
        [(w, "any") for w in (
            "slam blast rip lash_out fume rant rail scoff mock decry denounce complain lament "
            "gush boast brag joke quip snap sneer thunder bemoan bristle rage vent"
        ).split()],
    ),
    "accusatory": (
        "frames the speech as an attack on someone",
        [(w, "any") for w in "accuse criticize criticise attack blame condemn charge".split()],
    ),
    "laudatory": (
        "frames the speech as praise",
        [(w, "any") for w in "praise hail applaud laud commend".split()],
    ),
    "commitment": (
        "presents the content as a promise or pledge",
        [(w, "any") for w in "vow pledge promise swear guarantee assure".split()],
    ),
    "warning": (
        "presents the content as a warning or threat",
        [(w, "any") for w in "warn caution threaten".split()],
    ),
    "denial": (
        "presents the content as a denial or rejection",
        [(w, "any") for w in "deny reject dismiss refute rebut dispute".split()],
    ),
    "hedging": (
        "presents the content as tentative",
        [(w, "any") for w in "suggest speculate hint imply predict estimate".split()],
    ),
    "directive": (
        "presents the content as a demand or request",
        [(w, "any") for w in "urge demand call_on call_for exhort".split()],
    ),
    "disclosure": (
        "presents the content as revealed or confirmed",
        [(w, "any") for w in "reveal disclose confirm".split()],
    ),
    "cognition": (
        "a belief, hope or fear rather than speech (attributed in PolNeAR)",
        [(w, "that") for w in "think believe fear hope expect worry doubt feel know".split()],
    ),
    "evidential": (
        "evidence rather than speech: polls, studies and documents that show or find",
        [(w, "that") for w in "show find indicate".split()],
    ),
    "stance": (
        "a stated position for or against someone or something rather than reported words "
        "(PolNeAR annotates these as attributions; lemmas added in 1.1 from the PolNeAR train "
        "cue distribution, each kept only when it raised train and dev F1)",
        [(w, "any") for w in (
            "endorse defend cite question express refer_to point_to oppose propose decline "
            "refuse want seem talk_about focus_on"
        ).split()],
    ),
}

#: cue phrases (not verbs), each with its class
PHRASES = [
    ("according to", "neutral", "attributes content to a source, verb-less"),
    ("told reporters", "neutral", "speech to the press"),
]

IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote|written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed|shown", "showing"),
    "know": ("knows", "knew|known", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "swear": ("swears", "swore|sworn", "swearing"),
    "make_clear": ("makes_clear", "made_clear", "making_clear"),
    "lash_out": ("lashes_out", "lashed_out", "lashing_out"),
    "point_out": ("points_out", "pointed_out", "pointing_out"),
    "call_on": ("calls_on", "called_on", "calling_on"),
    "call_for": ("calls_for", "called_for", "calling_for"),
    "refer_to": ("refers_to", "referred_to", "referring_to"),
    "point_to": ("points_to", "pointed_to", "pointing_to"),
    "seek": ("seeks", "sought", "seeking"),
    "talk_about": ("talks_about", "talked_about", "talking_about"),
    "focus_on": ("focuses_on", "focused_on", "focusing_on"),
    "read": ("reads", "read", "reading"),
}

NOUN_FORMS = {"state", "states", "attack", "attacks", "comment", "comments", "remark", "remarks",
              "charge", "charges", "post", "posts", "finding",
              "showing", "feeling", "thinking", "knowing", "hoping", "reading",
              "ruling", "vent", "vents", "rage", "rages", "thunder",
              "snap", "snaps"}

DOUBLE = {"slam", "rip", "quip", "snap", "admit", "vent"} - {"vent"}


def inflect(lemma: str) -> list[str]:
    if lemma in IRREGULAR:
        s, past, ing = IRREGULAR[lemma]
        forms = [lemma, s, *past.split("|"), ing]
    else:
        w = lemma
        if w.endswith(("s", "sh", "ch", "x", "z")):
            s = w + "es"
        elif w.endswith("y") and w[-2] not in "aeiou":
            s = w[:-1] + "ies"
        else:
            s = w + "s"
        if w in DOUBLE:
            past, ing = w + w[-1] + "ed", w + w[-1] + "ing"
        elif w.endswith("e"):
            past, ing = w + "d", w[:-1] + "ing"
        elif w.endswith("y") and w[-2] not in "aeiou":
            past, ing = w[:-1] + "ied", w + "ing"
        else:
            past, ing = w + "ed", w + "ing"
        forms = [w, s, past, ing]
    out = []
    for f in forms:
        f = f.replace("_", " ")
        if f not in out:
            out.append(f)
    return out


def main() -> None:
    rows = []
    for cls, (why, lemmas) in CLASSES.items():
        for lemma, comp in lemmas:
            for form in inflect(lemma):
                rows.append([lemma.replace("_", " "), form, cls, "verb", comp, why, PROVENANCE,
                             LICENCE, VERSION])
    for phrase, cls, why in PHRASES:
        rows.append([phrase, phrase, cls, "phrase", "any", why, PROVENANCE, LICENCE, VERSION])
    # surface forms that are far more often nouns than reporting verbs in news text
    rows = [r for r in rows if r[1] not in NOUN_FORMS]
    seen = set()
    for r in rows:
        assert r[1] not in seen, f"duplicate form {r[1]}"
        seen.add(r[1])
    out = Path(__file__).resolve().parents[1] / "framing" / "data" / "speech_verbs.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["lemma", "form", "verb_class", "type", "complement", "rationale",
                    "provenance", "licence", "version"])
        w.writerows(rows)
    print(f"wrote {len(rows)} forms to {out}")


if __name__ == "__main__":
    main()
