"""Input the database or the date arithmetic cannot hold is refused with a plain 422 naming the field, never a 500."""

import uuid
from datetime import date

import pytest

CREDITOR = str(uuid.uuid4())
HUGE = str(10**30)


@pytest.fixture
def case(scoring, intake):
    validated = intake.validated(
        CREDITOR, intake.debtor("Dupont SARL"), [intake.invoice("F1", date(2026, 6, 1), date(2026, 7, 1), "1200.00")]
    )
    scoring.apply(validated)
    return validated


def refused(response, field):
    assert response.status_code == 422, response.text
    assert field in str(response.json()["detail"])


@pytest.mark.parametrize(
    "path", ["/api/v1/aged-balance", "/api/v1/aged-balance/debtors", "/api/v1/aged-balance/export"]
)
def test_an_as_of_date_before_1900_is_refused_on_every_aged_balance_route(scoring, case, path):
    refused(scoring.client.get(path, params={"as_of": "0001-01-01"}, headers=scoring.headers("agent")), "as_of")
    assert scoring.client.get(path, params={"as_of": "1900-01-01"}, headers=scoring.headers("agent")).status_code == 200


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/v1/aged-balance", {}), ("/api/v1/aged-balance/export", {}), ("/api/v1/worklist", {"bucket": "0-30"})],
)
def test_bucket_limits_beyond_a_hundred_years_are_refused(scoring, case, path, params):
    response = scoring.client.get(path, params={**params, "limits": "30,60,99999999"}, headers=scoring.headers("agent"))
    refused(response, "limits")
    assert "36500" in response.json()["detail"]


def test_a_worklist_page_beyond_the_last_possible_one_is_refused(scoring, case):
    refused(scoring.client.get("/api/v1/worklist", params={"page": HUGE}, headers=scoring.headers("agent")), "page")
    assert (
        scoring.client.get("/api/v1/worklist", params={"page": 100_000}, headers=scoring.headers("agent")).json()[
            "items"
        ]
        == []
    )


def test_a_score_number_beyond_the_stored_range_is_refused(scoring, case):
    refused(scoring.client.get(f"/api/v1/scoring/scores/{HUGE}", headers=scoring.headers("agent")), "score_id")


@pytest.mark.parametrize("agent", ["agent\x00-7", "", "   ", "a" * 121, "line\nbreak"])
def test_an_agent_name_must_be_1_to_120_characters_without_control_characters(scoring, case, agent):
    staff = scoring.headers("agent")
    refused(scoring.client.get("/api/v1/worklist", params={"agent": agent}, headers=staff), "agent")
    refused(scoring.client.put(f"/api/v1/worklist/{case.case_id}/agent", json={"agent": agent}, headers=staff), "agent")


def test_a_valid_agent_name_is_trimmed_and_null_unassigns(scoring, case):
    staff = scoring.headers("agent")
    url = f"/api/v1/worklist/{case.case_id}/agent"
    assigned = scoring.client.put(url, json={"agent": " Émilie Durand "}, headers=staff)
    assert assigned.json()["agent"] == "Émilie Durand"
    assert scoring.client.put(url, json={"agent": None}, headers=staff).json()["agent"] is None


def upload(scoring, text):
    response = scoring.client.post(
        "/api/v1/scoring/insurer-limits",
        files={"file": ("cover.csv", text.encode(), "text/csv")},
        headers=scoring.headers("supervisor"),
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_every_bad_line_of_an_insurer_file_is_reported_and_the_good_ones_are_kept(scoring, case):
    debtor = case.debtor.debtor_id
    report = upload(
        scoring,
        "\n".join(
            [
                "debtor_id,insurer,grade,limit",
                f"{debtor},Coface,3,1000,surplus",
                f"{debtor},Coface,3,1e20",
                f"{debtor},Co\x00face,3,1000",
                f"{debtor},Coface,3,0.005",
                f"{debtor},Coface,3,2500.50",
            ]
        )
        + "\n",
    )
    assert report["accepted"] == 1 and report["rejected"] == 4
    assert [(e["line"], e["column"]) for e in report["errors"]] == [
        (2, "line"),
        (3, "limit"),
        (4, "insurer"),
        (5, "limit"),
    ]
    reasons = [e["reason"] for e in report["errors"]]
    assert "more fields than the header" in reasons[0]
    assert "below 1,000,000,000,000" in reasons[1]
    assert "control characters" in reasons[2]
    assert "whole number of cents" in reasons[3]
