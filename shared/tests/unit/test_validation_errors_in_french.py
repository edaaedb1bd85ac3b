"""Pydantic's request-validation errors in plain French, naming the field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

import pytest
from pydantic import AnyHttpUrl, BaseModel, Field, ValidationError, field_validator

from shared.i18n import BilingualValueError
from shared.validation_errors import field_name, french_message, plain_errors, reason


class Line(BaseModel):
    amount: Decimal = Field(gt=0)
    due_date: date


class Order(BaseModel):
    reference: str = Field(min_length=1, max_length=5)
    kind: Literal["b2b", "b2c"]
    count: int = Field(default=1, le=10)
    lines: list[Line]
    siren: str | None = None

    @field_validator("siren")
    @classmethod
    def siren_is_valid(cls, value: str | None) -> str | None:
        if value == "bad":
            raise BilingualValueError("'bad' is not a valid SIREN", "« bad » n'est pas un SIREN valide")
        if value == "plain":
            raise ValueError("plain English refusal")
        return value


def french(payload: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Order.model_validate(payload)
    errors = [{**error, "loc": ("body", *error["loc"])} for error in caught.value.errors()]
    return {field_name(error["loc"]): french_message(error) for error in errors}


GOOD = {"reference": "A-1", "kind": "b2b", "lines": [{"amount": "10.00", "due_date": "2026-07-01"}]}


def test_a_missing_field_is_named_in_french():
    assert french({"kind": "b2b", "lines": []}) == {"reference": "le champ « reference » est obligatoire"}


def test_lengths_bounds_and_choices_read_in_french():
    messages = french({**GOOD, "reference": "", "kind": "b2x", "count": 11})
    assert messages["reference"] == "le champ « reference » doit contenir au moins 1 caractère"
    assert messages["kind"] == "le champ « kind » doit valoir 'b2b' ou 'b2c'"
    assert messages["count"] == "le champ « count » doit être inférieur ou égal à 10"


def test_numbers_and_dates_that_do_not_parse_name_their_place_in_the_list():
    messages = french(
        {**GOOD, "lines": [{"amount": "douze", "due_date": "01/07/2026"}, {"amount": "0", "due_date": "2026-07-01"}]}
    )
    assert messages["lines[0].amount"].startswith("le champ « lines[0].amount » doit être un nombre décimal")
    assert messages["lines[0].due_date"].startswith("le champ « lines[0].due_date » doit être une date au format")
    assert messages["lines[1].amount"] == "le champ « lines[1].amount » doit être strictement supérieur à 0"


def test_a_bilingual_validator_is_read_in_its_own_french_and_a_plain_one_keeps_its_english():
    assert french({**GOOD, "siren": "bad"}) == {"siren": "siren : « bad » n'est pas un SIREN valide"}
    assert french({**GOOD, "siren": "plain"}) == {"siren": "siren : plain English refusal"}


def test_each_error_keeps_loc_and_type_beside_the_message():
    error = {"loc": ("body",), "type": "json_invalid", "msg": "JSON decode error", "ctx": {"error": "Expecting value"}}
    assert plain_errors([error], language="fr") == [
        {
            "loc": ["body"],
            "type": "json_invalid",
            "msg": "le corps de la requête n'est pas un JSON valide",
            "reason": "le corps de la requête n'est pas un JSON valide",
        }
    ]
    assert plain_errors([error], language="en")[0]["msg"] == "JSON decode error"


def test_an_email_address_refused_by_emailstr_is_explained_in_french_not_in_email_validators_english():
    from pydantic import EmailStr

    class Contact(BaseModel):
        email: EmailStr

    with pytest.raises(ValidationError) as refused:
        Contact(email="pas-un-courriel")
    (error,) = refused.value.errors()
    assert french_message(error) == "email : n'est pas une adresse électronique valide (elle s'écrit nom@domaine.fr)"


def reasons(payload: dict, language: str) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Order.model_validate(payload)
    return {field_name(error["loc"]): reason(error, language=language) for error in caught.value.errors()}


def test_the_reason_says_what_is_wrong_without_naming_the_field_for_a_form_that_labels_it():
    payload = {**GOOD, "siren": "bad", "count": 11, "lines": [{"amount": "0", "due_date": "2026-07-01"}]}
    assert reasons(payload, "fr") == {
        "siren": "« bad » n'est pas un SIREN valide",
        "count": "doit être inférieur ou égal à 10",
        "lines[0].amount": "doit être strictement supérieur à 0",
    }
    english = reasons(payload, "en")
    assert english["siren"] == "'bad' is not a valid SIREN"  # pydantic's "Value error, " left out
    assert english["count"] == "Input should be less than or equal to 10"
    assert reasons({**GOOD, "siren": "plain"}, "fr") == {"siren": "plain English refusal"}


class Endpoint(BaseModel):
    url: Annotated[AnyHttpUrl, Field(max_length=30)]


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("ftp://erp.example/hook", "le champ « url » doit commencer par http:// ou https://"),
        (
            "erp.example/hook",
            "le champ « url » doit être une adresse web complète (par exemple https://erp.exemple.fr/recouvra)",
        ),
        ("https://erp.example/" + "x" * 40, "le champ « url » doit contenir au plus 30 caractères"),
    ],
)
def test_a_web_address_refused_is_explained_in_french(url, said):
    with pytest.raises(ValidationError) as caught:
        Endpoint.model_validate({"url": url})
    [error] = caught.value.errors()
    assert french_message({**error, "loc": ("body", *error["loc"])}) == said
