"""The scoring models' page over scoring's API: staff read every version, how well it ranked the cases held out
and why it is in use or not, in French; an admin retrains from it, and a refusal is said beside the form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session


@pytest.fixture
def scoring_settings(settings_for):
    return settings_for("scoring")


@pytest.fixture
def portal(portal_for, scoring_settings, clock, verifier, serve):
    from scoring.main import create_app as create_scoring

    scoring = serve(create_scoring(scoring_settings, clock=clock, verifier=verifier))
    return portal_for(service_urls={"scoring": scoring})


def _stored_version(scoring_settings, *, auc: float, bound: float) -> None:
    """A version as retraining stores one that was not activated (its measured AUC over 0.60, its lower bound
    under)."""
    from scoring.scorecard.models import ModelVersion

    engine = create_engine(scoring_settings.database_url)
    metrics = {
        "auc": auc,
        "gini": round(2 * auc - 1, 4),
        "train_rows": 42,
        "test_rows": 18,
        "auc_standard_error": round((auc - bound) / 1.6449, 4),
        "auc_lower_bound": bound,
        "activation_threshold": 0.6,
    }
    with Session(engine) as session:
        session.add(
            ModelVersion(
                version="scorecard-1",
                kind="logistic_scorecard",
                trained_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
                training_rows=60,
                metrics=metrics,
                definition={},
                active=False,
            )
        )
        session.commit()
    engine.dispose()


def test_staff_read_each_version_and_why_it_is_in_use_or_not(portal, sign_in, scoring_settings):
    _stored_version(scoring_settings, auc=0.74, bound=0.55)
    sign_in(portal, "agent@demo.example")
    index = portal.get("/back-office")
    page = portal.get("/back-office/models")

    assert 'href="/back-office/models"' in index.text
    assert page.status_code == 200, page.text
    assert "En service : expert-1" in page.text
    assert "scorecard-1" in page.text and "0,74 (0,55)" in page.text
    assert "non activé : AUC de 0,74 sur 18 dossiers mis de côté, au moins 0,55 avec 95 % de confiance" in page.text
    assert "Modèle expert (règles de l&#39;agence)" in page.text or "Modèle expert (règles de l'agence)" in page.text
    assert "Entraîner un nouveau modèle" not in page.text  # an agent reads; an admin retrains


def test_an_admin_retrains_and_a_refusal_is_said_beside_the_form(portal, sign_in, csrf_of):
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/models")
    assert "Entraîner un nouveau modèle" in page.text

    refused = portal.post("/back-office/models/retrain", data={"csrf": csrf_of(page.text)})

    assert refused.status_code == 409 and 'role="alert"' in refused.text
    assert "pas assez de dossiers clos avec une issue" in refused.text  # scoring's own words, nothing to train on
    assert portal.post("/back-office/models/retrain", data={"csrf": "forged"}).status_code == 403


def test_an_admin_rescores_every_open_debtor_now_and_an_agent_is_not_offered_to(portal, sign_in, csrf_of):
    sign_in(portal, "agent@demo.example")
    assert "Recalculer les scores maintenant" not in portal.get("/back-office/models").text
    portal.cookies.clear()
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/models")
    assert "Recalculer les scores maintenant" in page.text

    done = portal.post("/back-office/models/rescore", data={"csrf": csrf_of(page.text)})

    assert done.status_code == 303 and done.headers["location"] == "/back-office/models?did=rescored&count=0"
    assert "Scores recalculés : 0 débiteur noté à nouveau." in portal.get(done.headers["location"]).text
    many = portal.get("/back-office/models?did=rescored&count=3").text
    assert "Scores recalculés : 3 débiteurs notés à nouveau." in many
    assert portal.post("/back-office/models/rescore", data={"csrf": "forged"}).status_code == 403
