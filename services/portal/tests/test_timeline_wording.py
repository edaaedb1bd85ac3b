"""The timeline's words, without a database: amounts and dates as French and English readers write them, and every
event of the catalogue told in both languages (a sample of each is built from its fields, so that an event added
to the catalogue is checked without a line here)."""

from __future__ import annotations

import types
import typing
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel

from shared.events import registered_events
from shared.events.dunning import DisputeOpened, MessageDelivered, MessageSent
from shared.events.intake import CaseStatusChanged, PaymentAllocated, PaymentRecorded
from shared.events.legal_missions import LegalCostIncurred
from shared.events.legal_procedures import ProcedureStatusChanged

from portal.timeline.catalogue import CATALOGUE, LEFT_OFF, RANKS, service_and_type
from portal.timeline.wording import Said, amount, day, listed

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        ("1234.56", f"1{NNBSP}234,56{NBSP}€", "€1,234.56"),
        ("1200", f"1{NNBSP}200,00{NBSP}€", "€1,200.00"),
        ("0.005", f"0,01{NBSP}€", "€0.01"),  # half up, to the cent
        ("-45.1", f"-45,10{NBSP}€", "-€45.10"),
        ("1234567.8", f"1{NNBSP}234{NNBSP}567,80{NBSP}€", "€1,234,567.80"),
    ],
)
def test_amounts_are_written_from_decimals_as_each_language_writes_them(value, fr, en):
    assert amount(Decimal(value), "fr") == fr
    assert amount(Decimal(value), "en") == en


def test_an_amount_in_another_currency_is_written_with_its_code_and_a_float_is_refused():
    assert amount(Decimal("10"), "fr", "USD") == f"10,00{NBSP}USD"
    assert amount(Decimal("10"), "en", "usd") == "USD 10.00"
    with pytest.raises(TypeError, match="Decimal"):
        amount(10.0, "fr")  # type: ignore[arg-type]  # the refusal is what is tested


def test_dates_are_written_in_words_and_an_instant_by_its_day_in_paris():
    assert day(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert day(date(2026, 12, 12), "en") == "12 December 2026"
    assert day(datetime.fromisoformat("2026-10-31T23:30:00+00:00"), "fr") == "1er novembre 2026"
    assert listed(["a", "b", "c"], "fr") == "a, b et c" and listed(["a"], "en") == "a"


def sample(model: type[BaseModel]) -> Any:
    """An instance of `model` with a plausible value in every field, read from its annotations."""
    return model.model_validate(
        {name: "EUR" if name == "currency" else _value(field.annotation) for name, field in model.model_fields.items()}
    )


def _value(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is list:
        return [_value(typing.get_args(annotation)[0])] * 2
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return sample(annotation)
    return {
        bool: True,
        int: 3,
        Decimal: Decimal("1234.5"),
        datetime: datetime.fromisoformat("2026-11-24T09:00:00+00:00"),
        date: date(2026, 11, 24),
    }.get(annotation, _fresh_id())


def _fresh_id() -> str:
    """A random id that cannot pass for the sample amount in a text (one in a few hundred runs drew a `1234`)."""
    while "1234" in (value := str(uuid.uuid4())):
        pass
    return value


@pytest.mark.parametrize(("event_cls", "describe"), CATALOGUE, ids=[cls.type for cls, _ in CATALOGUE])
def test_every_event_of_the_catalogue_names_its_case_and_creditor_and_is_told_in_both_languages(event_cls, describe):
    assert {"case_id", "creditor_id"} <= set(event_cls.model_fields), "the timeline files entries by case and tenant"
    told = describe(sample(event_cls))
    if told is None:
        return
    assert isinstance(told, Said) and told.fr and told.en and told.fr != told.en
    for text in (told.fr, told.en):
        assert "{" not in text and "None" not in text and "1234.5" not in text, text  # every field written out
    if "1234" in told.fr:
        assert f"1{NNBSP}234,50{NBSP}€" in told.fr and "€1,234.50" in told.en


def test_every_case_event_of_every_service_is_told_or_left_off_with_its_reason():
    told = {event_cls for event_cls, _ in CATALOGUE}
    case_events = {cls for cls in registered_events().values() if "case_id" in cls.model_fields}
    untold = sorted(cls.type for cls in case_events - told - LEFT_OFF)
    assert untold == [], "add each to portal.timeline's catalogue (one line), or to LEFT_OFF with the reason"
    assert not told & LEFT_OFF


def test_the_catalogue_names_each_fact_once_so_that_its_rank_is_one():
    assert len(RANKS) == len(CATALOGUE)
    assert service_and_type(MessageSent) == ("dunning", "message.sent")


def test_a_postal_message_links_to_its_letter_and_an_email_to_nothing():
    fields = {"case_id": "c1", "creditor_id": "k", "debtor_id": "d", "message_id": "m1", "template": "t"}
    fields |= {"language": "fr", "content_sha256": "0", "sent_at": "2026-11-24T09:00:00Z", "step": "s"}
    letter = dict(CATALOGUE)[MessageSent](MessageSent(**fields, channel="letter", subject="Relance F-1"))
    assert letter.document == "/api/v1/dunning/cases/c1/messages/m1/document"
    assert letter.channel == "letter" and letter.fr == "Lettre de relance envoyée : « Relance F-1 »"
    email = dict(CATALOGUE)[MessageSent](MessageSent(**fields, channel="email", subject="", first_contact=True))
    assert email.document is None and email.en == "Reminder sent by e-mail (first contact)"
    delivered = dict(CATALOGUE)[MessageDelivered](
        MessageDelivered(
            **{k: fields[k] for k in ("case_id", "creditor_id", "debtor_id", "message_id")},
            channel="email",
            status="bounced",
            on=date(2026, 11, 25),
            detail="550 no such user",
        )
    )
    assert delivered.fr == "E-mail non remis le 25 novembre 2026 (550 no such user)"
    ids = {k: fields[k] for k in ("case_id", "creditor_id", "debtor_id", "message_id")}
    posted = MessageDelivered(**ids, channel="letter", status="delivered", on=date(2026, 12, 28))
    assert dict(CATALOGUE)[MessageDelivered](posted).fr == "Lettre simple remise le 28 décembre 2026"


def test_a_dispute_quotes_the_debtors_words_and_the_sentence_goes_on_after_them():
    opened = DisputeOpened(
        case_id="c",
        creditor_id="k",
        debtor_id="d",
        dispute_id="x",
        opened_on=date(2026, 12, 7),
        reason="Le montant a été réglé en totalité. ",
    )
    told = dict(CATALOGUE)[DisputeOpened](opened)
    assert told.fr == (
        "Litige ouvert le 7 décembre 2026 : « Le montant a été réglé en totalité » ; les relances sont suspendues"
    )
    assert told.en == "Dispute opened on 7 December 2026: “Le montant a été réglé en totalité”; reminders are on hold"


def test_the_status_changes_of_a_validation_or_a_closure_are_told_by_their_own_events():
    describe = dict(CATALOGUE)[CaseStatusChanged]
    ids = {"case_id": "c", "creditor_id": "k"}
    assert describe(CaseStatusChanged(**ids, from_status="submitted", to_status="validated")) is None
    assert describe(CaseStatusChanged(**ids, from_status="amicable", to_status="closed")) is None
    legal = describe(CaseStatusChanged(**ids, from_status="amicable", to_status="legal"))
    assert legal.fr == "Le dossier passe de « recouvrement amiable » à « phase judiciaire »"
    assert legal.en == "The case moved from amicable collection to legal phase"
    stayed = describe(CaseStatusChanged(**ids, from_status="legal", to_status="claim_declaration"))
    assert stayed.fr.startswith("Procédure collective ouverte contre le débiteur : relances et actions arrêtées")
    assert stayed.en.endswith("the claim will be declared to the administrator")


def test_an_allocation_lists_each_component_in_plain_words():
    describe = dict(CATALOGUE)[PaymentAllocated]
    event = PaymentAllocated(
        payment_id="p",
        case_id="c",
        creditor_id="k",
        lines=[
            {"invoice_id": "i", "component": "indemnity", "amount": "40.00"},
            {"invoice_id": "i", "component": "principal", "amount": "110.00"},
        ],
    )
    told = describe(event)
    assert told.fr == (
        f"Paiement imputé : 40,00{NBSP}€ en indemnité forfaitaire de recouvrement et 110,00{NBSP}€ en principal"
    )
    assert told.en == "Payment allocated: €40.00 to the fixed recovery indemnity and €110.00 to the principal"
    assert describe(PaymentAllocated(payment_id="p", case_id="c", creditor_id="k", lines=[])) is None


def test_legal_steps_and_costs_are_told_in_plain_words_not_codes():
    ids = {"case_id": "c", "creditor_id": "k"}
    step = dict(CATALOGUE)[ProcedureStatusChanged](
        ProcedureStatusChanged(
            **ids, procedure_id="p", from_state="granted", to_state="void", occurred_on=date(2027, 3, 1)
        )
    )
    assert step.fr == "Procédure judiciaire : ordonnance non avenue, faute de signification à temps le 1er mars 2027"
    cost = dict(CATALOGUE)[LegalCostIncurred](
        LegalCostIncurred(
            **ids,
            mission_id="m",
            partner_id="b",
            cost_id="x",
            amount="52.69",
            currency="EUR",
            tariff="A444-10",
            borne_by="debtor",
            incurred_on=date(2027, 3, 2),
        )
    )
    assert cost.en == "Bailiff's costs: €52.69 on 2 March 2027, borne by the debtor (tariff A444-10)"
    assert (
        cost.fr
        == f"Frais du commissaire de justice : 52,69{NBSP}€ le 2 mars 2027, à la charge du débiteur (tarif A444-10)"
    )


def test_a_credit_note_is_not_called_a_payment():
    note = PaymentRecorded(
        payment_id="p",
        case_id="c",
        creditor_id="k",
        debtor_id="d",
        amount="50.00",
        currency="EUR",
        received_on=date(2026, 7, 20),
        origin="credit_note",
        reference="AV-1",
    )
    told = dict(CATALOGUE)[PaymentRecorded](note)
    assert (told.fr, told.en) == (
        f"Avoir de 50,00{NBSP}€ imputé le 20 juillet 2026",
        "Credit note of €50.00 applied on 20 July 2026",
    )


def test_a_plan_the_debtor_proposed_and_its_refusal_are_told_in_both_languages():
    from shared.events.dunning import PlanProposed, PlanRefused

    from portal.timeline.dunning_entries import DUNNING

    told = dict(DUNNING)
    ids = {"case_id": str(uuid.uuid4()), "creditor_id": str(uuid.uuid4()), "debtor_id": str(uuid.uuid4())}
    proposed = PlanProposed(**ids, plan_id="p", total=Decimal("1200.00"), instalments=3, by_debtor=True)
    said = told[PlanProposed](proposed)
    assert said is not None
    expected = f"Échéancier proposé par le débiteur depuis son espace en ligne : 1{NNBSP}200,00{NBSP}€ en 3 échéances"
    assert said.fr == expected + ", soumis au créancier"
    assert said.en == "Payment plan proposed by the debtor online: €1,200.00 in 3 instalments, put to the creditor"
    refused = told[PlanRefused](PlanRefused(**ids, plan_id="p", refused_on=date(2026, 11, 4)))
    assert refused is not None and refused.fr == "Échéancier refusé par le créancier le 4 novembre 2026"
    from shared.events.dunning import DebtorNotified

    subject = "Votre proposition d'échéancier n'est pas acceptée — dossier CRED-1"
    sent = DebtorNotified(
        **ids, message_id="m", notice="plan_refused", channel="email", subject=subject, sent_at=datetime.now(UTC)
    )
    notified = told[DebtorNotified](sent)
    assert (
        notified is not None and notified.fr == f"Refus de l'échéancier annoncé au débiteur par e-mail : « {subject} »"
    )


def test_contact_details_the_debtor_gave_on_its_page_are_said_to_be_its_own():
    from shared.events.intake import DebtorSnapshot
    from shared.events.intake_debtors import DebtorContactsCorrected

    debtor = DebtorSnapshot(debtor_id="d", type="company", name="Dupont SARL")
    fields = {"case_id": "c1", "creditor_id": "k", "debtor": debtor, "corrected": ["email", "phone"]}
    describe = dict(CATALOGUE)[DebtorContactsCorrected]
    by_debtor = describe(DebtorContactsCorrected(**fields, by="debtor"))
    assert by_debtor.fr == "Coordonnées du débiteur corrigées par le débiteur sur sa page : l'e-mail et le téléphone"
    assert by_debtor.en == "Debtor's contact details corrected by the debtor on its page: e-mail and phone"
    assert describe(DebtorContactsCorrected(**fields, by="creditor")).fr.startswith(
        "Coordonnées du débiteur corrigées :"
    )


def test_a_debtors_reply_and_the_agencys_answer_are_said_without_what_they_say():
    from shared.events.dunning import DebtorNotified, ReplyReceived

    from portal.timeline.dunning_entries import DUNNING

    told = dict(DUNNING)
    ids = {"case_id": "c", "creditor_id": "k", "debtor_id": "d", "message_id": "m"}
    now = datetime.now(UTC)
    received = told[ReplyReceived](ReplyReceived(**ids, reply_id="r", received_at=now, attachments=2))
    assert received is not None and received.channel == "email"
    assert (received.fr, received.en) == (
        "Réponse du débiteur reçue par e-mail (2 pièce(s) jointe(s))",
        "Reply from the debtor received by e-mail (2 attachment(s))",
    )
    bare = told[ReplyReceived](ReplyReceived(**ids, reply_id="r", received_at=now))
    assert bare is not None and bare.fr == "Réponse du débiteur reçue par e-mail"
    answer = DebtorNotified(**ids, notice="reply_answered", channel="email", subject="RE: Relance", sent_at=now)
    answered = told[DebtorNotified](answer)
    assert (
        answered is not None and answered.fr == "Réponse de l'agence au débiteur envoyée par e-mail : « RE: Relance »"
    )
