"""Regex helpers shared by the rule-based modules."""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["trie_regex"]


def trie_regex(words: Iterable[str], *, reverse: bool = False) -> str:
    """A prefix-factored alternation matching any of ``words`` (a space matches ``\\s+``).

    Python's ``re`` does not factor alternations itself, and the factored form is many times
    faster on the per-article hot path.  With ``reverse=True`` the words are reversed, for
    right-to-left matching on reversed text.  The result is not wrapped in a group.

    >>> trie_regex(["said", "says", "say so"])
    'sa(?:id|y(?:\\\\s+so|s))'
    >>> bool(re.fullmatch(trie_regex(["said", "says"], reverse=True), "dias"))
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in (w[::-1] if reverse else w):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)
