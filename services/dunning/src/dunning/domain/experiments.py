"""Champion and challenger: a share of the cases that would follow a scenario follow another, chosen by the case
itself (a digest of its id and the experiment's, so a replay or a second worker puts it in the same arm), and the two
arms compared on the share of cases settled, with a plain test of whether the difference is more than chance.
Pure: no session, no clock."""

from __future__ import annotations

import hashlib
import math
import uuid
from dataclasses import dataclass
from typing import Literal

Arm = Literal["champion", "challenger"]
MIN_SHARE, MAX_SHARE = 1, 50  # per cent of the champion's new cases; the champion keeps at least half
Z_95 = 1.959964  # two-sided, 95 %


def arm_for(case_id: uuid.UUID, experiment_id: uuid.UUID, share: int) -> Arm:
    """The challenger for about `share` cases in a hundred, the same answer every time for the same case."""
    digest = hashlib.sha256(experiment_id.bytes + case_id.bytes).digest()
    return "challenger" if int.from_bytes(digest[:8], "big") % 100 < share else "champion"


@dataclass(frozen=True)
class Comparison:
    z: float | None
    """The two-proportion z statistic of the challenger's settled share against the champion's (None: an arm empty)."""
    significant: bool
    """|z| at least 1.96: a difference this large would come by chance less than one time in twenty."""


def compare(settled_champion: int, cases_champion: int, settled_challenger: int, cases_challenger: int) -> Comparison:
    """The pooled two-proportion z-test; significant only with at least 30 cases in each arm (below, the normal
    approximation does not hold and nothing is claimed)."""
    if cases_champion == 0 or cases_challenger == 0:
        return Comparison(z=None, significant=False)
    p1, p2 = settled_champion / cases_champion, settled_challenger / cases_challenger
    pooled = (settled_champion + settled_challenger) / (cases_champion + cases_challenger)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / cases_champion + 1 / cases_challenger))
    if spread == 0:
        return Comparison(z=0.0, significant=False)
    z = (p2 - p1) / spread
    enough = min(cases_champion, cases_challenger) >= 30
    return Comparison(z=round(z, 3), significant=enough and abs(z) >= Z_95)
