"""Who stands for the tripartite groups: each group for itself, and the national tripartite
body (`group: tripartite-body`) for the groups of its composition. The sign-off and steering
committee rules judge signatures and members the same way."""

from __future__ import annotations

from collections.abc import Iterable

from dwcp.domain.catalogue import Catalogue
from dwcp.domain.vocabulary import tripartite_groups
from dwcp.model.country_context import TripartiteBody

TRIPARTITE_BODY = "tripartite-body"
"""The party group of the body described in context.tripartite_body."""


def groups_represented(
    parties: Iterable[str], body: TripartiteBody | None, catalogue: Catalogue | None = None
) -> frozenset[str]:
    """The tripartite groups these parties (signatories' or members' groups) stand for. The
    body stands for nothing until context.tripartite_body gives its composition."""
    named = set(parties)
    if TRIPARTITE_BODY in named and body is not None:
        named |= body.groups()
    return frozenset(group for group in tripartite_groups(catalogue) if group in named)


def body_lacks(parties: Iterable[str], body: TripartiteBody | None, group: str) -> str:
    """Why the tripartite body among these parties does not stand for the group; "" when it
    is not among them."""
    if TRIPARTITE_BODY not in set(parties):
        return ""
    if body is None:
        return "context.tripartite_body does not describe the tripartite body"
    return f"the composition of {body.name} does not include the {group}"
