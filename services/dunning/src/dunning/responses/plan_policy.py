"""What a payment plan may be for a case: the bounds of its creditor's mandate (each where the mandate's event gave it)
or, failing them, dunning's settings; and the terms every plan carries (grace days, whether a breach escalates)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dunning.cases.models import DunningCreditor
from dunning.config import Settings
from dunning.domain.instalments import PlanBounds


@dataclass(frozen=True)
class PlanPolicy:
    bounds: PlanBounds
    grace_days: int
    escalates: bool

    def under(self, creditor: DunningCreditor | None) -> PlanPolicy:
        """The bounds of the creditor's mandate, each where the mandate gave it; dunning's settings otherwise."""
        if creditor is None:
            return self
        bounds = PlanBounds(
            max_instalments=creditor.max_instalments or self.bounds.max_instalments,
            max_months=creditor.max_plan_months or self.bounds.max_months,
            min_instalment=self.bounds.min_instalment if creditor.min_instalment is None else creditor.min_instalment,
        )
        return replace(self, bounds=bounds)


def plan_policy(settings: Settings) -> PlanPolicy:
    return PlanPolicy(
        bounds=PlanBounds(
            max_instalments=settings.plan_max_instalments,
            max_months=settings.plan_max_months,
            min_instalment=settings.plan_min_instalment,
        ),
        grace_days=settings.plan_grace_days,
        escalates=settings.plan_breach_escalates,
    )
