from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse

from shared.deps import ClockDep, RuntimeDep, SessionDep
from shared.i18n import bilingual_answer

from portal.config import Settings
from portal.deps import request_address
from portal.errors import TooManyAttempts
from portal.identity.schemas import TokenResponse
from portal.identity.sign_in import authenticate_client, authenticate_user
from portal.identity.withdrawals import issue_instant, revocation_document

router = APIRouter(tags=["identity"])


@router.get("/.well-known/jwks.json", summary="public keys that verify the portal's tokens")
def jwks(request: Request) -> dict[str, Any]:
    jwks: dict[str, Any] = request.app.state.jwks  # the signing key's, and during a rotation the other one
    return jwks


@router.get(
    "/.well-known/revocations.json",
    summary="the accounts whose access was withdrawn, and up to when their tokens are refused (Unix seconds)",
    description="Read by every service every RECOUVRA_REVOCATIONS_REFRESH_S (shared.revocations): a deactivated "
    "account's token, or one issued before an admin gave a new password, is refused everywhere within seconds. "
    "Only the withdrawals still within a token's lifetime are listed; subjects are opaque ids.",
)
def revocations(runtime: RuntimeDep) -> dict[str, Any]:
    settings: Settings = runtime.settings  # type: ignore[assignment]  # the portal's runtime holds its Settings
    return revocation_document(runtime.engine, settings.token_lifetime_s)


@router.post(
    "/api/v1/auth/token",
    summary="OAuth2 token: password grant for users, client_credentials for partner systems",
    response_model=TokenResponse,
    responses={401: {"description": "wrong credentials"}, 429: {"description": "too many failed attempts"}},
)
def issue_token(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    runtime: RuntimeDep,
    grant_type: Annotated[str, Form(examples=["password"])],
    username: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
) -> Any:
    settings: Settings = runtime.settings  # type: ignore[assignment]  # the portal's runtime holds its Settings
    ip = request_address(request, settings.trusted_proxies)
    window = timedelta(seconds=settings.login_window_s)
    credentials = (username, password, client_id, client_secret)
    if any(value is not None and (len(value) > 1024 or any(ord(c) < 32 for c in value)) for value in credentials):
        # a control character (NUL above all) or a page of text is no credential; refused before any look-up
        return _oauth_error(
            request,
            400,
            "invalid_request",
            en="credentials hold at most 1,024 characters and no control character",
            fr="les identifiants font au plus 1 024 caractères, sans caractère de contrôle",
        )
    try:
        if grant_type == "password":
            if not username or not password:
                return _oauth_error(
                    request,
                    400,
                    "invalid_request",
                    en="the password grant needs 'username' and 'password'",
                    fr="l'octroi par mot de passe demande 'username' et 'password'",
                )
            principal = authenticate_user(
                session=session,
                email=username,
                password=password,
                client_ip=ip,
                clock=clock,
                max_failures=settings.login_max_failures,
                window=window,
                max_per_address=settings.login_max_failures_per_address,
            )
        elif grant_type == "client_credentials":
            client_id, client_secret = _client_credentials(request, client_id, client_secret)
            if not client_id or not client_secret:
                return _oauth_error(
                    request,
                    400,
                    "invalid_request",
                    en="the client_credentials grant needs 'client_id' and 'client_secret'",
                    fr="l'octroi client_credentials demande 'client_id' et 'client_secret'",
                )
            principal = authenticate_client(
                session=session,
                client_id=client_id,
                client_secret=client_secret,
                client_ip=ip,
                clock=clock,
                max_failures=settings.login_max_failures,
                window=window,
                max_per_address=settings.login_max_failures_per_address,
            )
        else:
            return _oauth_error(
                request,
                400,
                "unsupported_grant_type",
                en=f"grant_type '{grant_type}' is not supported; use 'password' or 'client_credentials'",
                fr=f"grant_type '{grant_type}' n'est pas pris en charge : utilisez 'password' ou 'client_credentials'",
            )
    except TooManyAttempts as exc:
        response = _oauth_error(request, 429, "slow_down", en=exc.message, fr=exc.message_fr or exc.message)
        response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
    # Tokens expire on the wall clock: moving the business clock must not extend or shorten them.
    token = request.app.state.signing_key.issue(
        principal,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        now=issue_instant(session, principal.subject),
        lifetime=timedelta(seconds=settings.token_lifetime_s),
    )
    return TokenResponse(access_token=token, expires_in=settings.token_lifetime_s)


def _client_credentials(
    request: Request, client_id: str | None, client_secret: str | None
) -> tuple[str | None, str | None]:
    """RFC 6749 §2.3.1: the client may authenticate with HTTP Basic instead of form fields."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic ") and not client_id:
        import base64
        from urllib.parse import unquote

        try:
            decoded = base64.b64decode(header[6:]).decode()
            raw_id, _, raw_secret = decoded.partition(":")
            return unquote(raw_id), unquote(raw_secret)
        except ValueError:
            return None, None
    return client_id, client_secret


def _oauth_error(request: Request, status: int, error: str, *, en: str, fr: str) -> JSONResponse:
    """RFC 6749 §5.2's body (`error_description` in English: the RFC allows ASCII only), with `detail` in the
    client's language and both texts beside, as every other error of the platform."""
    said, language = bilingual_answer(request.headers.get("accept-language"), en=en, fr=fr)
    return JSONResponse(
        {"error": error, "error_description": en, **said},
        status_code=status,
        headers={"Cache-Control": "no-store", **language},
    )
