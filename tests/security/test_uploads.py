"""Every upload route of the platform, attacked: a file name that climbs out of its folder, a file larger than the
route allows, a workbook that expands to hundreds of megabytes (a zip bomb) and disguised files (a program named
.pdf, a web page named .png). Each is refused with a 4xx saying why in plain words, or (the path) kept as its base
name only. The routes are found in the services' OpenAPI: a new upload route fails the walk until it is listed.
The debtor's dispute form, which passes its attachment on to intake, says so when the attachment is refused."""

from __future__ import annotations

import dataclasses
import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from shared.auth import Role
from shared.debtor_links import sign_link

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 59 + b"PE\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"
CLIMBING = "../../../../etc/cron.d/evil"
SAYS_WHY = ("disguised", "déguisé", "not accepted", "must be", "not a ", "n'est pas")


@dataclass(frozen=True)
class Upload:
    service: str
    path: str
    caller: Callable[[Any, Callable[..., str]], dict[str, str]]
    good: tuple[str, bytes]  # a genuine file of the route's kind, named as it would be
    limit: tuple[str, str] | None  # (what holds the size limit, its name): settings attribute or module constant
    data: dict[str, str]


def _creditor_a(platform: Any, issue_token: Callable[..., str]) -> dict[str, str]:
    return dict(platform.headers["creditor_a"])


def _agent(platform: Any, issue_token: Callable[..., str]) -> dict[str, str]:
    return dict(platform.as_role(Role.AGENT))


def _firm(platform: Any, issue_token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(Role.BAILIFF, partner_id=platform.ids['partner_id'])}"}


def _camt053() -> bytes:
    ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Document xmlns="{ns}"><BkToCstmrStmt><Stmt><Id>STMT-UPL-1</Id>'
        "<Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></Acct></Stmt></BkToCstmrStmt></Document>"
    ).encode()


UPLOADS = {
    ("intake", "/api/v1/cases/{case_id}/documents"): Upload(
        "intake", "/api/v1/cases/{case_id}/documents", _creditor_a, ("contrat.pdf", PDF),
        ("settings", "max_document_bytes"), {"kind": "contract"},
    ),
    ("intake", "/api/v1/imports"): Upload(
        "intake", "/api/v1/imports", _creditor_a, ("rows.csv", b"reference;debtor\r\nX;Y\r\n"),
        ("settings", "max_import_bytes"), {},
    ),
    ("intake", "/api/v1/intake/bank-statements"): Upload(
        "intake", "/api/v1/intake/bank-statements", _agent, ("releve.xml", _camt053()),
        ("settings", "max_bank_statement_bytes"), {},
    ),
    ("legal", "/api/v1/partner/missions/{mission_id}/documents"): Upload(
        "legal", "/api/v1/partner/missions/{mission_id}/documents", _firm, ("acte.pdf", PDF),
        ("settings", "deed_max_bytes"), {"kind": "service_deed"},
    ),
    ("scoring", "/api/v1/scoring/insurer-limits"): Upload(
        "scoring", "/api/v1/scoring/insurer-limits", _agent, ("cover.csv", b"siren;grade;limit\r\n"),
        ("scoring.routes.admin", "MAX_FILE_BYTES"), {},
    ),
}  # fmt: skip


def _upload_routes(platform: Any) -> set[tuple[str, str]]:
    """Each operation whose request body is multipart with a binary field."""
    found = set()
    for service in ("portal", "intake", "scoring", "dunning", "legal"):
        for op in platform.operations(service):
            content = op.spec.get("requestBody", {}).get("content", {})
            if "multipart/form-data" in content:
                found.add((service, op.path))
    return found


def _send(platform: Any, issue_token: Callable[..., str], upload: Upload, filename: str, content: bytes) -> Any:
    url = upload.path.format(**platform.ids)
    files = {"file": (filename, io.BytesIO(content), "application/octet-stream")}
    headers = upload.caller(platform, issue_token)
    return platform.clients[upload.service].post(url, data=upload.data, files=files, headers=headers)


def _refused(response: Any, *words: str) -> str | None:
    """None when refused with a 4xx whose message (French or English) says one of `words`; else what happened."""
    text = response.text.lower()
    if 400 <= response.status_code < 500 and any(word in text for word in words) and "traceback" not in text:
        return None
    return f"{response.status_code} {response.text[:300]}"


def _failure_of_import(platform: Any, response: Any) -> str:
    """An import accepted for the background answers 202: its refusal is then the job's failure."""
    if response.status_code != 202:
        return ""
    job = platform.clients["intake"].get(
        f"/api/v1/imports/{response.json()['id']}", headers=platform.headers["creditor_a"]
    )
    return f" (accepted, then the job said: {job.json().get('status')} {job.json().get('failure')})"


def test_every_upload_route_of_the_platform_is_attacked_here(platform):
    assert _upload_routes(platform) == set(UPLOADS)


@pytest.mark.parametrize("route", UPLOADS, ids=lambda r: f"{r[0]} {r[1]}")
def test_a_file_name_climbing_out_of_its_folder_is_kept_as_its_base_name(platform, issue_token, route):
    upload = UPLOADS[route]
    name, content = upload.good
    response = _send(platform, issue_token, upload, f"{CLIMBING}{name}", content)
    assert response.status_code < 500, response.text
    assert "../" not in response.text and "/etc/" not in response.text and "cron.d" not in response.text


@pytest.mark.parametrize("route", UPLOADS, ids=lambda r: f"{r[0]} {r[1]}")
def test_a_file_larger_than_the_route_allows_is_refused(platform, issue_token, route, monkeypatch):
    upload = UPLOADS[route]
    assert upload.limit is not None
    holder, name = upload.limit
    if holder == "settings":
        monkeypatch.setattr(platform.clients[upload.service].app.state.runtime.settings, name, 1 << 20)
    else:
        monkeypatch.setattr(__import__(holder, fromlist=["_"]), name, 1 << 20)
    filename, content = upload.good
    response = _send(platform, issue_token, upload, filename, content + b" " * (1 << 20))
    assert _refused(response, "mb", "mo", "larger", "at most", "too large") is None, _refused(response, "mb")


@pytest.mark.parametrize("route", UPLOADS, ids=lambda r: f"{r[0]} {r[1]}")
def test_a_program_named_as_the_routes_own_kind_of_file_is_refused(platform, issue_token, route):
    upload = UPLOADS[route]
    name = upload.good[0]
    response = _send(platform, issue_token, upload, name, EXE)
    refusal = _refused(
        response,
        "disguised",
        "déguisé",
        "not accepted",
        "must be",
        "not a ",
        "n'est pas",
        "neither",
        "not well-formed xml",
    )
    assert refusal is None, refusal + _failure_of_import(platform, response)


@pytest.mark.parametrize("route", UPLOADS, ids=lambda r: f"{r[0]} {r[1]}")
def test_a_web_page_named_as_an_image_is_refused(platform, issue_token, route):
    upload = UPLOADS[route]
    response = _send(platform, issue_token, upload, "photo.png", HTML)
    refusal = _refused(
        response, "disguised", "déguisé", "markup", "must be", "not a ", "n'est pas", "not accepted", "no column"
    )
    assert refusal is None, refusal + _failure_of_import(platform, response)


def _zip_bomb() -> bytes:
    """An .xlsx of about 300 KB whose members expand to 300 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with archive.open("xl/media/image1.bin", "w", force_zip64=True) as member:
            block = b"\x00" * (1 << 20)
            for _ in range(300):
                member.write(block)
    return buffer.getvalue()


def test_a_workbook_that_expands_to_hundreds_of_megabytes_is_refused(platform, issue_token):
    upload = UPLOADS[("intake", "/api/v1/imports")]
    response = _send(platform, issue_token, upload, "rows.xlsx", _zip_bomb())
    refusal = _refused(response, "uncompressed", "décompressé")
    assert refusal is None, refusal + _failure_of_import(platform, response)


KEPT = ("gateway_clients", "web")


@pytest.fixture
def debtor_form(platform, monkeypatch) -> Iterator[tuple[Any, str]]:
    """The platform's portal reading its services in-process, and a genuine link to creditor A's debtor's page."""
    portal = platform.clients["portal"]
    state = portal.app.state
    clients = {
        service: httpx.AsyncClient(transport=httpx.ASGITransport(app=platform.clients[service].app))
        for service in ("intake", "dunning")
    }
    kept = {name: getattr(state, name) for name in KEPT}  # starlette's State: monkeypatch would delete them
    state.gateway_clients = clients
    monkeypatch.setattr(state.runtime.settings, "service_urls", {s: f"http://{s}.test" for s in clients})
    state.web = dataclasses.replace(state.web, debtor_link_key=b"an-upload-test-key")
    link = sign_link(
        case_id=uuid.UUID(platform.ids["case_id"]),
        debtor_id=uuid.UUID(platform.ids["debtor_id"]),
        expires_at=datetime.now(UTC) + timedelta(days=30),
        key=b"an-upload-test-key",
    )
    page = portal.get(f"/debtor/{link}")
    assert page.status_code == 200, page.text[:300]
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf, "the debtor's page has no form"
    try:
        yield portal, link, csrf.group(1)
    finally:
        portal.cookies.clear()
        for name, value in kept.items():
            setattr(state, name, value)


@pytest.mark.parametrize(
    ("name", "content", "status", "says"),
    [
        ("preuve.pdf", PDF + b" " * (10 * 1024 * 1024), 413, "larger than 10 MB"),
        ("preuve.pdf", EXE, 422, "preuve.pdf"),
        ("photo.png", HTML, 422, "photo.png"),
    ],
    ids=("oversized", "a-program-named-pdf", "a-web-page-named-png"),
)
def test_a_debtors_attachment_refused_is_said_on_the_page_and_the_dispute_waits(
    debtor_form, name, content, status, says
):
    portal, link, csrf = debtor_form
    answer = portal.post(
        f"/debtor/{link}/dispute",
        data={"csrf": csrf, "reason": "Jamais livré, voir la pièce"},
        files={"attachment": (name, io.BytesIO(content), "application/pdf")},
    )
    assert answer.status_code == status, answer.text[:500]
    assert says in answer.text
