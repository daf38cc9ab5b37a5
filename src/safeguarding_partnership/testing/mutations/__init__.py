"""Mutations: take a compliant arrangement and break exactly one duty.

Each :class:`Mutation` names the rule it should trigger and a pure function
``(arrangement, as_of) -> arrangement | None`` that breaks that rule's duty and nothing
else (``None`` when the arrangement gives it nothing to break). :func:`invalid_arrangements`
and :func:`mutations` turn them into hypothesis strategies of :class:`Broken` arrangements.

Plugin authors register mutations for their own rules with :func:`mutation`::

    from safeguarding_partnership.testing.mutations import mutation

    @mutation("HAV-001")
    def _no_priorities(arrangement, as_of):
        return arrangement.model_copy(update={"priorities": ()})

A few duties cannot be broken without touching a neighbour: breaking the statutory contents
(PUB-003) also removes a WT2018 content item. Those mutations list the rules that may
fire with them in ``also``. The mutations of law not yet commenced (LATER-*) show only with
that law commenced (``include_not_commenced`` or a commencement date); with
``not_commenced=True`` the arrangements broken meet its duties first, so that nothing but the
rule broken (and its ``also``) gives any finding.

The core's mutations live in one module per code prefix, named as in
:mod:`safeguarding_partnership.rules.core` (``partners``, ``pub``, ``cspr``...); importing
this package registers them all. The registry (``_registry``) imports nothing of the
strategies, so :func:`~safeguarding_partnership.testing.strategies.arrangements` can break a
duty with it; the strategies of broken arrangements (``_draw``) build on the compliant
builder and load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_partnership._lazy import lazy_names
from safeguarding_partnership.testing.mutations import (  # noqa: F401  (registers the core's)
    cdr,
    cspr,
    edu,
    fund,
    later,
    lead,
    partners,
    pub,
    ra,
    report,
    scrut,
    struct,
)
from safeguarding_partnership.testing.mutations._registry import (
    Broken,
    Mutation,
    MutationFunction,
    mutation,
    registered,
)

if TYPE_CHECKING:
    from safeguarding_partnership.testing.mutations._draw import invalid_arrangements, mutations

__all__ = [
    "UNBROKEN",
    "Broken",
    "Mutation",
    "MutationFunction",
    "invalid_arrangements",
    "mutation",
    "mutations",
    "registered",
]

UNBROKEN: dict[str, str] = {
    "CDR-001": "a definition: its findings are information only",
    "CDR-005": "a power (MAY): its findings are information only",
    "CDR-008": "gives only 'not recorded' information",
    "PARTNERS-009": "a power (MAY): its findings are information only",
    "RA-003": "a power (MAY): its findings are information only",
    "RA-005": "a definition: its findings are information only",
}
"""Core rules with no mutation, and why: none of them gives an error or warning by default."""

_LAZY = {"invalid_arrangements": "._draw", "mutations": "._draw"}

__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
