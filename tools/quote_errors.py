"""Error analysis of quotation attribution on PolNeAR (train by default).

Lists the unmatched gold attributions grouped by reason, the matched ones with a wrong
speaker or verb, and the false positives, with counts of cue words and layouts so the
biggest buckets can be fixed with general rules and table entries.

Usage: python tools/quote_errors.py [--split train|dev] [--show BUCKET] [--n 20]
Buckets: nocue, span, speaker, verb, fp.  Prints statistics; ``--show`` prints examples
(local inspection only: PolNeAR text is never written to the repository).
"""
from __future__ import annotations

import argparse
import warnings
from collections import Counter
from pathlib import Path

import framing
from framing._eval_quotes import _coverage, _gold_attributions, _match, _overlaps, _pred_by_doc

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    ap.add_argument("--split", default="train")
    ap.add_argument("--show", default="")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--cue", default="", help="only examples whose gold cue contains this")
    ap.add_argument("--t", type=float, default=0.3)
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus, gold = framing.datasets.load_polnear(args.data, split=args.split)
    texts = dict(zip(corpus["id"].astype(str), corpus["text"]))
    pred = framing.quotes(corpus)
    kinds = pred["kind"].tolist()
    pred = pred[pred["kind"] != "scare"]
    attrs = _gold_attributions(gold[gold["layer"] == "attribution"])
    preds = _pred_by_doc(pred)
    prow = {}
    for doc, g in pred.groupby("doc_id"):
        prow[str(doc)] = g.to_dict("records")
    buckets: dict[str, list] = {k: [] for k in ("nocue", "span", "speaker", "verb", "fp")}
    for doc, gl in attrs.items():
        text = texts[doc]
        pl = preds.get(doc, [])
        pairs = _match(gl, pl, args.t)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        for gi, pi in pairs:
            ga, pa = gl[gi], pl[pi]
            if ga["source"] and not _overlaps(pa["speaker"], ga["source"]):
                buckets["speaker"].append((doc, text, ga, prow[doc][pi]))
            if ga["cue"]:
                ok = _overlaps(pa["verb"], ga["cue"])
                if not ok and pa["verb_text"] and ga["cue_text"]:
                    ok = pa["verb_text"].lower() == ga["cue_text"].lower()
                if not ok:
                    buckets["verb"].append((doc, text, ga, prow[doc][pi]))
        for gi, ga in enumerate(gl):
            if gi in mg:
                continue
            best = max((( _coverage(p["span"], ga), pi) for pi, p in enumerate(pl)), default=(0, -1))
            cue_hit = [pi for pi, p in enumerate(pl) if _overlaps(p["verb"], ga["cue"])]
            if best[0] > 0 or cue_hit:
                buckets["span"].append((doc, text, ga, prow[doc][cue_hit[0]] if cue_hit else prow[doc][best[1]]))
            else:
                buckets["nocue"].append((doc, text, ga, None))
        for pi, p in enumerate(pl):
            if pi not in mp:
                buckets["fp"].append((doc, text, None, prow[doc][pi]))
    n_gold = sum(len(v) for v in attrs.values())
    print(f"{args.split}: gold {n_gold}, pred {len(pred)} (+{kinds.count('scare')} scare)")
    for k, v in buckets.items():
        print(f"\n== {k}: {len(v)}")
        if k in ("nocue", "span"):
            c = Counter(_cue(t, g) for _, t, g, _ in v)
            qm = sum(g["quote_marks"] for _, _, g, _ in v)
            print(f"   with quote marks: {qm}")
            print("   cues:", ", ".join(f"{w}:{n}" for w, n in c.most_common(40)))
            from framing._quote_engine import _cues
            info = _cues()[1]
            known = Counter()
            unk = Counter()
            for _, t, g, _ in v:
                ws = _cue(t, g).replace("’", "'").split()
                hit = [w for w in ws if w in info] or (["according to"] if "according" in ws else [])
                if hit:
                    known[hit[-1]] += 1
                else:
                    unk[" ".join(ws[-2:])] += 1
            print(f"   cue in lexicon: {sum(known.values())}:", ", ".join(
                f"{w}:{n}" for w, n in known.most_common(25)))
            print(f"   cue not in lexicon: {sum(unk.values())}:", ", ".join(
                f"{w}:{n}" for w, n in unk.most_common(60)))
            lay = Counter(_layout(t, g) for _, t, g, _ in v)
            print("   layouts:", ", ".join(f"{w}:{n}" for w, n in lay.most_common(12)))
        elif k in ("speaker", "verb"):
            c = Counter(_s(p["verb"]).lower() for *_, p in v)
            print("   pred verbs:", ", ".join(f"{w}:{n}" for w, n in c.most_common(20)))
            c = Counter(_cue(t, g) for _, t, g, _ in v)
            print("   gold cues:", ", ".join(f"{w}:{n}" for w, n in c.most_common(20)))
            if k == "speaker":
                c = Counter("none" if p["speaker_start"] is None or p["speaker_start"] != p["speaker_start"]
                            else "other" for *_, p in v)
                print("   pred speaker:", dict(c))
        else:
            c = Counter((_s(p["verb"]).lower(), p["kind"]) for *_, p in v)
            print("   verbs/kind:", ", ".join(f"{w}:{n}" for w, n in c.most_common(30)))
    if args.show:
        sel = [b for b in buckets[args.show]
               if not args.cue or (b[2] is not None and args.cue in _cue(b[1], b[2]).split())
               or (b[2] is None and args.cue == _s(b[3]["verb"]).lower())]
        print(f"\n{len(sel)} examples")
        for doc, text, g, p in sel[: args.n]:
            print("-" * 80)
            print(doc)
            if g is not None:
                print("GOLD content:", " | ".join(repr(text[s:e][:200]) for s, e in g["content"]))
                print("     source:", [text[s:e] for s, e in g["source"]], " cue:",
                      [text[s:e] for s, e in g["cue"]])
                s0 = min(x[0] for x in g["content"] + g["source"] + g["cue"])
                e0 = max(x[1] for x in g["content"] + g["source"] + g["cue"])
                print("     ctx:", repr(text[max(0, s0 - 150):min(len(text), e0 + 60)]))
            if p is not None:
                print("PRED", p["kind"], repr(p["text"][:200]), "| spk:", p["speaker_mention"],
                      "| verb:", p["verb"])
                if g is None:
                    print("     ctx:", repr(text[max(0, p["start"] - 150):p["end"] + 80]))


def _s(x) -> str:
    return x if isinstance(x, str) else "-"


def _cue(text: str, g: dict) -> str:
    return " ".join(text[s:e].lower() for s, e in g["cue"]) or "-"


def _layout(text: str, g: dict) -> str:
    """Order of content (C), source (S) and cue (V) spans, plus quote marks (q)."""
    items = [(s, "C") for s, _ in g["content"][:1]] + [(s, "S") for s, _ in g["source"][:1]] + \
        [(s, "V") for s, _ in g["cue"][:1]]
    return "".join(x for _, x in sorted(items)) + ("q" if g["quote_marks"] else "")


if __name__ == "__main__":
    main()
