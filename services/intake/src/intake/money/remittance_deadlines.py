"""R124-6 CPCE: funds collected are remitted within one month of actual receipt, unless the
mandate says otherwise. Flags held funds before that month runs out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from shared.business_calendar import add_months

from intake.money.commission import CollectedPayment


@dataclass(frozen=True)
class RemittanceAlert:
    payment_id: str
    creditor_id: str
    received_on: date
    deadline: date
    days_left: int  # negative: the deadline has passed

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def remittance_deadline(received_on: date) -> date:
    """One calendar month after actual receipt (R124-6); 31 January gives the last day of February."""
    return add_months(received_on, 1)


def funds_due_for_remittance_alert(
    payments_held: Iterable[CollectedPayment], today: date, threshold_days: int
) -> tuple[RemittanceAlert, ...]:
    """R124-6 CPCE: held funds still unremitted whose one-month deadline is `threshold_days` away or
    less (or already past), most urgent first. Funds the agency does not hold are never flagged."""
    alerts = []
    for payment in payments_held:
        if not payment.held:
            continue
        deadline = remittance_deadline(payment.received_on)
        days_left = (deadline - today).days
        if days_left <= threshold_days:
            alerts.append(
                RemittanceAlert(payment.payment_id, payment.creditor_id, payment.received_on, deadline, days_left)
            )
    return tuple(sorted(alerts, key=lambda a: (a.deadline, a.payment_id)))
