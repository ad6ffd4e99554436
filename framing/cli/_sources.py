"""``framing sources CORPUS`` and ``framing balance CORPUS --by outlet --dimension role``."""
from __future__ import annotations

import sys

from framing.cli._common import (
    add_corpus_argument,
    add_output_argument,
    load_corpus_arg,
    write_table,
)

_SHOW = ["category", "n_sources", "share_sources", "sources_low", "sources_high",
         "share_quotes", "share_words", "small_group"]


def register(sub) -> None:
    p = sub.add_parser(
        "sources",
        help="one row per (article, source): role, organisation, country, gender, side",
        description="Resolve the sources quoted in each article and write one row per "
        "(article, source). JSON lines on standard output unless -o is given.",
    )
    add_corpus_argument(p)
    add_output_argument(p)
    p.add_argument("--actors", metavar="FILE", default=None,
                   help="a YAML/CSV actor map (name, aliases, side, role, country, gender)")
    _add_people_options(p)
    p.set_defaults(func=_run_sources)

    b = sub.add_parser(
        "balance",
        help="share of sources, quotes and words per category and outlet, with 95%% CIs",
        description="Source balance per group: shares with bootstrap confidence intervals "
        "(resampling articles) and the balance indices. Prints a readable table unless -o "
        "is given.",
    )
    add_corpus_argument(b)
    add_output_argument(b)
    b.add_argument("--by", default="outlet", help="column to group articles by (default outlet)")
    b.add_argument("--dimension", default="role",
                   choices=["role", "country", "gender", "side", "organization", "source_type"],
                   help="the category of each source to measure (default role)")
    b.add_argument("--actors", metavar="FILE", default=None,
                   help="a YAML/CSV actor map; needed for --dimension side")
    b.add_argument("--n-resamples", type=int, default=2000, help="bootstrap resamples")
    b.add_argument("--seed", type=int, default=0, help="random seed for the bootstrap")
    b.add_argument("--min-group", type=int, default=10,
                   help="flag groups with fewer articles than this")
    _add_people_options(b)
    b.set_defaults(func=_run_balance)


def _add_people_options(p) -> None:
    p.add_argument("--no-people", dest="people", action="store_false",
                   help="do not fill gender, role and country from the shipped table of "
                        "well-known public figures (text evidence only)")
    p.add_argument("--first-names", dest="use_first_names", action="store_true",
                   help="opt-in: give a person whose gender the text does not state the "
                        "gender of their given name (gender_source=first_name)")
    p.add_argument("--no-setting", dest="setting", action="store_false",
                   help="do not give citizens, political sources and local officials the "
                        "country the article is set in (country_source=setting)")


def _run_sources(args) -> int:
    from framing.sourcing import sources

    corpus = load_corpus_arg(args)
    write_table(sources(corpus, actors=args.actors, people=args.people,
                        use_first_names=args.use_first_names, setting=args.setting),
                args.output)
    return 0


def _run_balance(args) -> int:
    import warnings

    from framing.sourcing import balance

    corpus = load_corpus_arg(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = balance(corpus, by=args.by, dimension=args.dimension, actors=args.actors,
                        n_resamples=args.n_resamples, seed=args.seed, min_group=args.min_group,
                        people=args.people, use_first_names=args.use_first_names,
                        setting=args.setting)
    for w in caught:
        print(f"framing: warning: {w.message}", file=sys.stderr)
    if args.output:
        write_table(table, args.output)
        return 0
    sys.stdout.write(_readable(table, args.by))
    return 0


def _readable(table, by: str) -> str:
    lines = []
    if table.empty:
        return "no sources found\n"
    for g, part in table.groupby(by, sort=True):
        first = part.iloc[0]
        lines.append(
            f"{by} = {g}  (articles: {first['n_docs']}; evenness {first['evenness']:.3f}, "
            f"IQV {first['iqv']:.3f}, dominance {first['dominance']:.3f}, official "
            f"{first['official_share']:.3f}, anonymous {first['anonymous_share']:.3f})"
            + ("  [small group]" if first["small_group"] else "")
        )
        lines.append(f"  {'category':<22}{'sources':>8}{'share':>8}{'95% CI':>17}"
                     f"{'quotes':>8}{'words':>8}")
        for r in part.itertuples():
            lines.append(
                f"  {r.category!s:<22}{r.n_sources:>8}{r.share_sources:>8.3f}"
                f"   [{r.sources_low:.3f}, {r.sources_high:.3f}]"
                f"{r.share_quotes:>8.3f}{r.share_words:>8.3f}"
            )
        lines.append("")
    return "\n".join(lines)
