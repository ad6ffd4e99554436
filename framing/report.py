"""A self-contained comparison report (HTML or Markdown) for a corpus or an analysis result.

The page opens with a corpus summary and the methodology, then gives each metric's table
and chart, keyness, label choice, pairwise and within-event differences, the top loaded
terms in context, the most-quoted sources, one highlighted article, and the caveats.
Charts are embedded as base64 PNG; there is no script, no CDN and no network request.
Every string that comes from the corpus or a lexicon is escaped with :func:`html.escape`.
"""
from __future__ import annotations

import base64
import html
import io
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DataError

__all__ = ["render_report", "write_report"]

_CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:64em;
 margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
h1{border-bottom:3px solid #0072B2;padding-bottom:.2em}
h2{border-bottom:1px solid #999;margin-top:2em}
table{border-collapse:collapse;margin:.8em 0;font-size:90%}
th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}
th{background:#eee}
td.num{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;height:auto;border:1px solid #ddd;margin:.5em 0}
.caveat{background:#fff5e0;border-left:4px solid #E69F00;padding:.4em .8em}
.note{color:#444;font-size:90%}
"""


@dataclass
class _Block:
    kind: str            # h2 | h3 | p | list | table | img | html
    content: Any
    extra: Any = None


def write_report(
    corpus_or_result: Any,
    path: str | os.PathLike,
    *,
    by: str = "outlet",
    corpus: pd.DataFrame | None = None,
    title: str | None = None,
    n_boot: int = 1000,
    n_perm: int = 2000,
    seed: int = 0,
    min_docs: int = 10,
    top_terms: int = 10,
    top_sources: int = 15,
    progress: bool = False,
    **analyze_kwargs: Any,
) -> Path:
    """Write the outlet-comparison report; HTML or Markdown chosen by the file extension.

    Parameters
    ----------
    corpus_or_result : DataFrame or AnalysisResult
        A corpus (analysed here with :func:`framing.analyze`) or an existing result.
    path : path
        ``.html``/``.htm`` or ``.md``.
    by : str, default "outlet"
    corpus : DataFrame, optional
        With a result: the corpus it came from, for keyness, contexts and the example
        article (sections that need it are skipped, and say so, when absent).
    title : str, optional
    n_boot, n_perm, seed, min_docs :
        Passed to :func:`framing.analyze` when a corpus is given.
    top_terms, top_sources : int
        Rows in the "in context" and "most-quoted sources" sections.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import framing, tempfile, os
    >>> out = os.path.join(tempfile.mkdtemp(), "report.html")
    >>> framing.write_report(framing.datasets.load("syria-2016"), out).suffix
    '.html'
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in (".html", ".htm", ".md"):
        raise DataError(
            f"cannot write a report to {str(path)!r}: unknown extension {ext or '(none)'!r}. "
            "Use .html (self-contained page) or .md (Markdown)."
        )
    text = render_report(
        corpus_or_result, fmt="md" if ext == ".md" else "html", by=by, corpus=corpus,
        title=title, n_boot=n_boot, n_perm=n_perm, seed=seed, min_docs=min_docs,
        top_terms=top_terms, top_sources=top_sources, progress=progress, **analyze_kwargs,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render_report(corpus_or_result: Any, *, fmt: str = "html", by: str = "outlet",
                  corpus: pd.DataFrame | None = None, title: str | None = None,
                  n_boot: int = 1000, n_perm: int = 2000, seed: int = 0, min_docs: int = 10,
                  top_terms: int = 10, top_sources: int = 15, progress: bool = False,
                  **analyze_kwargs: Any) -> str:
    """The report as a string (``fmt`` "html" or "md"); see :func:`write_report`."""
    from .analysis import AnalysisResult, analyze

    if isinstance(corpus_or_result, AnalysisResult):
        result = corpus_or_result
        by = result.by
    elif isinstance(corpus_or_result, pd.DataFrame):
        corpus = corpus_or_result
        result = analyze(corpus, by=by, n_boot=n_boot, n_perm=n_perm, seed=seed,
                         min_docs=min_docs, progress=progress, **analyze_kwargs)
    else:
        raise TypeError(
            "write_report expects a corpus DataFrame or an AnalysisResult; got "
            f"{type(corpus_or_result).__name__}."
        )
    blocks = _blocks(result, corpus, by=by, top_terms=top_terms, top_sources=top_sources)
    title = title or f"Outlet comparison by {by}"
    return _to_html(title, blocks) if fmt == "html" else _to_md(title, blocks)


# ----------------------------------------------------------------------------- content

def _blocks(result, corpus, *, by, top_terms, top_sources) -> list[_Block]:
    from . import plots

    docs = result.documents
    b: list[_Block] = []
    caveats: list[str] = []

    # --- summary
    b.append(_Block("h2", "Corpus summary"))
    n_docs = len(docs)
    per_group = docs.groupby(by).agg(articles=("doc_id", "size"), tokens=("n_tokens", "sum"))
    if "date" in docs.columns and docs["date"].notna().any():
        dates = pd.to_datetime(docs["date"], errors="coerce")
        per_group["first date"] = dates.groupby(docs[by]).min().dt.strftime("%Y-%m-%d")
        per_group["last date"] = dates.groupby(docs[by]).max().dt.strftime("%Y-%m-%d")
    summary = (f"{n_docs:,} articles from {docs[by].nunique()} groups ({by}), "
               f"{int(docs['n_tokens'].sum()):,} tokens.")
    if "event" in docs.columns:
        summary += f" {docs['event'].nunique()} events."
    b.append(_Block("p", summary))
    b.append(_Block("table", per_group.reset_index()))
    status = docs["status"].value_counts()
    if (status.index != "ok").any():
        b.append(_Block("p", "Document status: " + ", ".join(
            f"{k}: {v}" for k, v in status.items())))

    # --- methodology
    b.append(_Block("h2", "Methodology"))
    b.append(_Block("list", [
        ("Each article is segmented once (paragraphs, sentences, tokens with character "
        "offsets); quotes, loaded terms and sources are computed from that segmentation."),
        ("Quotes: direct, indirect, mixed and partial attributions with a resolved speaker "
        "and a speech verb classed as neutral or loaded; unattributed short fragments are "
        "scare quotes and are not counted as quotes."),
        ("Loaded terms: versioned lexicons (label, distancing, emotive, loaded verb, scare "
        "quote), split into the reporter's voice and quoted voice."),
        ("Sources: the resolved speakers of each article, with role, country and gender "
        "inferred from the text (unknown when the text does not say)."),
        ("Group metrics are pooled ratios over a group's articles; 95% confidence intervals "
        f"are percentile bootstrap intervals resampling articles ({result.options.get('n_boot')}"
        " resamples, seed "
        f"{result.options.get('seed')}; Efron & Tibshirani 1993)."),
        ("Pairwise differences: permutation tests shuffling whole articles between two groups, "
        "p-values adjusted with Holm's method across the pairs of each metric (Holm 1979)."),
        ("Keyness: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn "
        "2008, eq. 22; variance 1/(y_i + a_w) + 1/(y_j + a_w)) and G² log-likelihood "
        "(Dunning 1993) with the Log Ratio effect size (Hardie 2014); counts n always shown."),
        ("Within-event comparison: when the corpus has an event column, outlets are compared "
        "only on events both covered (mean paired difference, bootstrap over events, "
        "sign-flip permutation test)."),
        ("Near-duplicates (wire copy) are flagged with MinHash sketches of character shingles "
        f"(Broder 1997); duplicates setting: {result.options.get('duplicates')}."),
    ]))

    groups = result.groups
    small = sorted(set(groups.loc[groups["small_group"].astype(bool), by])) if len(
        groups) else []
    if small:
        caveats.append(f"Small groups (fewer than {result.options.get('min_docs')} articles; "
                       f"intervals are wide and tests weak): {', '.join(map(str, small))}.")

    # --- per family: table + chart
    headline = {
        "quotes": ["quotes per article", "loaded speech-verb share"],
        "loaded": ["loaded terms per 1,000 tokens",
                   "loaded terms per 1,000 tokens: reporter voice"],
        "sources": ["sources per article"],
    }
    names = {"quotes": "Quotes and speech verbs", "loaded": "Loaded terms",
             "sources": "Sources"}
    for family in ("quotes", "loaded", "sources"):
        sub = groups[groups["family"] == family] if len(groups) else groups
        b.append(_Block("h2", names[family]))
        if sub.empty:
            b.append(_Block("p", "Not computed in this run."))
            continue
        for metric in headline[family]:
            if metric in set(sub["metric"]):
                b.append(_Block("img", plots.metric_by_group(groups, metric, by=by),
                                f"{metric} by {by} with 95% confidence intervals"))
        b.append(_Block("p", "Each cell: estimate [95% bootstrap CI]; n = articles. "
                             "The full table with numerators and denominators is "
                             "AnalysisResult.groups (groups.csv from framing analyze)."))
        b.append(_Block("table", _wide(sub, by)))
        if family == "quotes" and len(result.quotes) and len(result.sources):
            try:
                fig = plots.verb_class_heatmap(result.quotes, result.sources, dimension="role")
                b.append(_Block("h3", "Speech-verb class by source role"))
                b.append(_Block("img", fig, "speech-verb class by source role"))
            except DataError as exc:
                b.append(_Block("p", f"No speech-verb heatmap: {exc}"))
        if family == "sources" and len(result.sources):
            src = result.sources.merge(docs[["doc_id", by]], on="doc_id", how="left") if (
                by not in result.sources.columns) else result.sources
            for dim in ("role", "country", "gender"):
                if dim in src.columns and src[dim].notna().any():
                    b.append(_Block("h3", f"Source balance by {dim}"))
                    b.append(_Block("img", plots.source_balance(src, by=by, dimension=dim),
                                    f"source shares by {dim} per {by}"))

    # --- keyness
    b.append(_Block("h2", "Keyness"))
    key = result.keyness
    if (key is None or key.empty) and corpus is not None and corpus[by].nunique() > 1:
        from .compare import keyness

        key = keyness(corpus, by=by, min_count=3)
    if key is not None and not key.empty:
        for g in sorted(key["group"].unique())[:8]:
            b.append(_Block("img", plots.keyness_plot(key, group=g, top=10),
                            f"words distinguishing {g}"))
        top = key.sort_values(["group", "z"], ascending=[True, False]).groupby(
            "group").head(top_terms)
        b.append(_Block("table", top[["group", "reference", "term", "count", "count_reference",
                                      "n_group", "n_reference", "log_odds", "z", "g2",
                                      "p_value", "log_ratio"]]))
    else:
        b.append(_Block("p", "Keyness needs at least two groups and the corpus text."))

    # --- label choice
    if corpus is not None:
        lc = _label_choice(corpus, by, caveats)
        if lc is not None and not lc.empty:
            b.append(_Block("h2", "Label choice"))
            for actor in lc.groupby("actor")["count"].sum().sort_values(
                    ascending=False).index[:4]:
                b.append(_Block("img", plots.label_choice_plot(lc, actor=actor, by=by),
                                f"names used for {actor}"))
            b.append(_Block("table", lc))

    # --- differences
    b.append(_Block("h2", "Differences between groups"))
    pw = result.pairwise
    if pw is not None and len(pw):
        sig = pw[pw["p_holm"] < 0.05].sort_values("p_holm")
        b.append(_Block("p", f"{len(pw):,} pairwise comparisons; {len(sig):,} with a "
                             "Holm-adjusted permutation p-value below 0.05 (shown below, "
                             "at most 40)."))
        b.append(_Block("table", sig.head(40)))
    else:
        b.append(_Block("p", "Fewer than two groups: no pairwise comparison."))
    if result.events is not None and len(result.events):
        b.append(_Block("h3", "Within-event (paired) comparison"))
        ev = result.events.sort_values(["p_value", "metric"]).head(40)
        b.append(_Block("table", ev.drop(columns=["events"])))
        if ev["small_group"].astype(bool).any():
            caveats.append("Within-event comparisons rest on few shared events "
                           "(small_group = True); treat them as descriptive.")

    # --- loaded terms in context
    b.append(_Block("h2", "Top loaded terms in context"))
    lt = result.loaded
    if len(lt) and corpus is not None:
        texts = dict(zip(corpus["id"].astype(str), corpus["text"]))
        groups_of = dict(zip(docs["doc_id"].astype(str), docs[by]))
        top = lt.groupby(["entry", "category"], dropna=False).size().sort_values(
            ascending=False).head(top_terms)
        rows = []
        for (entry, cat), n in top.items():
            hits = lt[(lt["entry"] == entry)].head(3)
            for h in hits.itertuples(index=False):
                t = texts.get(str(h.doc_id), "")
                s, e = int(h.start), int(h.end)
                rows.append({"entry": entry, "category": cat, "n": int(n),
                             by: groups_of.get(str(h.doc_id)), "voice": h.voice,
                             "left": " ".join(t[max(0, s - 60):s].split()),
                             "term": t[s:e], "right": " ".join(t[e:e + 60].split())})
        b.append(_Block("table", pd.DataFrame(rows)))
    elif len(lt):
        b.append(_Block("p", "Pass corpus= to show the contexts."))
    else:
        b.append(_Block("p", "No loaded terms found."))

    # --- most quoted sources
    b.append(_Block("h2", "Most-quoted sources"))
    src = result.sources
    if len(src):
        src = src.merge(docs[["doc_id", by]], on="doc_id", how="left") if (
            by not in src.columns) else src
        agg = src.groupby("source", dropna=True).agg(
            quotes=("n_quotes", "sum"), articles=("doc_id", "nunique"),
            groups=(by, lambda s: ", ".join(sorted(set(map(str, s)))))).sort_values(
            ["quotes", "articles"], ascending=False).head(top_sources)
        for col in ("role", "country", "gender"):
            if col in src.columns:
                agg[col] = src.groupby("source")[col].agg(
                    lambda s: s.dropna().mode().iloc[0] if s.notna().any() else None)
        b.append(_Block("table", agg.reset_index()))
    else:
        b.append(_Block("p", "No sources found."))

    # --- example article
    if corpus is not None and len(corpus):
        from .display import show

        pick = docs.sort_values(["n_loaded", "n_quotes"], ascending=False)["doc_id"].iloc[0]
        row = corpus[corpus["id"].astype(str) == str(pick)].iloc[0]
        b.append(_Block("h2", "Example article"))
        b.append(_Block("p", "The article with the most loaded terms: loaded terms are "
                             "outlined by category, quotes shaded by source; hover for the "
                             "speaker, verb and lexicon entry."))
        b.append(_Block("html", show(row, quotes=result.quotes, loaded=result.loaded,
                                     by=by).html, str(pick)))

    # --- caveats
    if "truncated" in docs.columns:
        trunc = docs[docs["truncated"].fillna(False).astype(bool)]
        if len(trunc):
            caveats.append(
                f"{len(trunc)} of {n_docs} texts are truncated (leads only, e.g. the first "
                "~2,000 characters): counts per article understate full-text counts, and "
                f"rates compare leads with full texts. Groups affected: "
                f"{', '.join(sorted(map(str, trunc[by].unique())))}.")
    dups = result.duplicates
    if dups is not None and len(dups):
        caveats.append(f"{len(dups)} near-duplicate pair(s) (wire copy) were found "
                       f"({int(dups['cross_group'].sum())} across groups); they were "
                       f"{'dropped from' if result.options.get('duplicates') == 'drop' else 'kept in'}"
                       " the comparisons.")
    if result.status is not None and len(result.status):
        caveats.append(f"{len(result.status)} document(s) failed and have no rows: "
                       f"{', '.join(map(str, result.status['doc_id'].head(5)))}.")
    caveats.append("Automated framing metrics need validation against hand-coding on your "
                   "own material; lexicon choices change rankings, so report a robustness "
                   "check.")
    b.append(_Block("h2", "Caveats"))
    b.append(_Block("list", caveats, "caveat"))
    return b


def _wide(sub: pd.DataFrame, by: str) -> pd.DataFrame:
    """metric x group table of "estimate [low, high]" cells, with an n row on top."""
    def cell(r):
        if pd.isna(r.value):
            return ""
        return f"{_fmt(r.value)} [{_fmt(r.ci_low)}, {_fmt(r.ci_high)}]"

    cells = sub.assign(cell=[cell(r) for r in sub.itertuples(index=False)])
    wide = cells.pivot_table(index="metric", columns=by, values="cell", aggfunc="first",
                             sort=False)
    n = sub.groupby(by)["n_docs"].first()
    small = sub.groupby(by)["small_group"].first().astype(bool)
    head = pd.DataFrame([[f"{int(n[g])}{' (small)' if small[g] else ''}" for g in wide.columns]],
                        index=["n (articles)"], columns=wide.columns)
    out = pd.concat([head, wide.fillna("")])
    out.index.name = "metric"
    out.columns = [str(c) for c in out.columns]
    return out.reset_index()


def _label_choice(corpus, by, caveats) -> pd.DataFrame | None:
    try:
        from .loaded import label_choice
    except ImportError as exc:   # the loaded-terms module is part of the package
        caveats.append(f"Label choice unavailable: {exc}.")
        return None
    lc = label_choice(corpus, by=by)
    if "count" not in lc.columns and "n" in lc.columns:
        lc = lc.rename(columns={"n": "count"})
    return lc[lc["count"] > 0].reset_index(drop=True)


# ----------------------------------------------------------------------------- rendering

def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else ""
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}"
    if isinstance(v, (float, np.floating)):
        if np.isnan(v):
            return ""
        if v != 0 and abs(v) < 0.001:
            return f"{v:.2e}"
        return f"{v:,.3f}" if abs(v) < 1000 else f"{v:,.0f}"
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def _html_table(frame: pd.DataFrame) -> str:
    esc = html.escape
    if frame is None or frame.empty:
        return "<p class='note'>(no rows)</p>"
    out = ["<table><thead><tr>"]
    out += [f"<th>{esc(str(c))}</th>" for c in frame.columns]
    out.append("</tr></thead><tbody>")
    for row in frame.itertuples(index=False, name=None):
        out.append("<tr>" + "".join(
            f"<td class='num'>{esc(_fmt(v))}</td>" if _is_num(v) else f"<td>{esc(_fmt(v))}</td>"
            for v in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _to_html(title: str, blocks: list[_Block]) -> str:
    esc = html.escape
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    from . import __version__

    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "img-src data:; style-src 'unsafe-inline'\">"),
           f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{esc(title)}</h1>",
           f"<p class='note'>framing {esc(__version__)}, generated {esc(stamp)}.</p>"]
    for blk in blocks:
        if blk.kind in ("h2", "h3"):
            out.append(f"<{blk.kind}>{esc(blk.content)}</{blk.kind}>")
        elif blk.kind == "p":
            out.append(f"<p>{esc(blk.content)}</p>")
        elif blk.kind == "list":
            cls = f" class='{blk.extra}'" if blk.extra else ""
            out.append(f"<ul{cls}>" + "".join(f"<li>{esc(x)}</li>" for x in blk.content)
                       + "</ul>")
        elif blk.kind == "table":
            out.append(_html_table(blk.content))
        elif blk.kind == "img":
            out.append(f'<img alt="{esc(blk.extra, quote=True)}" '
                       f'src="data:image/png;base64,{_png(blk.content)}">')
            _close(blk.content)
        elif blk.kind == "html":
            out.append(blk.content)       # built from escaped parts (framing.display)
    out.append("</body></html>")
    return "\n".join(out)


def _md_cell(v: Any) -> str:
    return html.escape(_fmt(v)).replace("|", "\\|").replace("\n", " ")


def _to_md(title: str, blocks: list[_Block]) -> str:
    esc = html.escape
    out = [f"# {esc(title)}", ""]
    for blk in blocks:
        if blk.kind == "h2":
            out += [f"## {esc(blk.content)}", ""]
        elif blk.kind == "h3":
            out += [f"### {esc(blk.content)}", ""]
        elif blk.kind == "p":
            out += [esc(blk.content), ""]
        elif blk.kind == "list":
            out += [f"- {esc(x)}" for x in blk.content] + [""]
        elif blk.kind == "table":
            frame = blk.content
            if frame is None or frame.empty:
                out += ["(no rows)", ""]
                continue
            out.append("| " + " | ".join(_md_cell(c) for c in frame.columns) + " |")
            out.append("|" + "|".join("---" for _ in frame.columns) + "|")
            for row in frame.itertuples(index=False, name=None):
                out.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
            out.append("")
        elif blk.kind == "img":
            out += [f"![{esc(blk.extra)}](data:image/png;base64,{_png(blk.content)})", ""]
            _close(blk.content)
        elif blk.kind == "html":
            out += [f"(highlighted article {esc(str(blk.extra))}: see the HTML report)", ""]
    return "\n".join(out)


def _close(fig) -> None:
    fig.clear()
