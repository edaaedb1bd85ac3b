"""Which formal notice a case keeps when dunning reports one: the notice interest runs from (docs/rules.md §3.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FormalNotice:
    sent_on: date
    received_on: date | None  # unknown when staff recorded only the sending


def replaces(reported: FormalNotice, held: FormalNotice | None) -> bool:
    """Whether a reported notice replaces the one the case holds (`held`, None when it holds none).

    Legal interest runs from the receipt of the formal notice (mise en demeure, art. 1231-6 and 1344-1 C. civ.),
    and a later notice does not move it: the case keeps the earliest receipt it has heard of. A known receipt
    replaces a notice whose receipt is unknown (its sending date only stood in for it) and a later receipt; on the
    same receipt day the earlier sending wins, so that whatever order notices arrive in, the case ends on one. A
    notice whose receipt is not known replaces none."""
    if reported.received_on is None:
        return held is None
    if held is None or held.received_on is None:
        return True
    return (reported.received_on, reported.sent_on) < (held.received_on, held.sent_on)
