"""Issue 11: an `as_of` is a date written YYYY-MM-DD; neither a number of seconds since 1970 nor a timestamp is
read as one (`as_of=0` used to answer the aged balance of 1970-01-01)."""

import pytest

PATHS = ["/api/v1/aged-balance", "/api/v1/aged-balance/debtors", "/api/v1/aged-balance/export"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("as_of", ["0", "1780000000", "2026-06-01T00:00:00", "20260601"])
def test_an_as_of_that_is_not_a_plain_date_is_a_422_naming_it(scoring, path, as_of):
    response = scoring.client.get(path, params={"as_of": as_of}, headers=scoring.headers("agent"))

    assert response.status_code == 422, response.text
    assert "as_of" in str(response.json()["detail"])


def test_an_as_of_written_as_a_date_is_read(scoring):
    response = scoring.client.get(PATHS[0], params={"as_of": "2026-06-01"}, headers=scoring.headers("agent"))

    assert response.status_code == 200, response.text
    assert response.json()["as_of"] == "2026-06-01"
