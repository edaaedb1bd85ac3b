from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse

from shared.errors import Conflict, DomainError, Invalid, NotFound
from shared.fresh_reads import ServiceUnavailable
from shared.i18n import negotiate


class InvalidCredentials(DomainError):
    status_code = 401


class TooManyAttempts(DomainError):
    status_code = 429

    def __init__(self, *, retry_after_s: int) -> None:
        super().__init__(
            "too many failed sign-in attempts; wait a few minutes before trying again",
            message_fr="trop de tentatives de connexion échouées ; patientez quelques minutes avant de réessayer",
        )
        self.retry_after_s = retry_after_s


class ClockNotFollowed(DomainError):
    """The portal's clock moved but some services did not follow (502)."""

    status_code = 502

    def __init__(self, failures: list[str]) -> None:
        listed = "; ".join(failures)
        super().__init__(
            f"the portal clock is set but not every service followed: {listed}",
            message_fr=f"l'horloge du portail est réglée mais tous les services ne l'ont pas suivie : {listed}",
        )


class EmailTaken(Conflict):
    pass


class UnknownCreditor(Invalid):
    pass


class WeakPassword(Invalid):
    """A new password the policy refuses (`portal.domain.passwords`): 422 naming `password`, in both languages."""

    def __init__(self, en: str, fr: str) -> None:
        super().__init__(en, field="password", message_fr=fr)


class UnsafePath(DomainError):
    """A path with a dot-segment, an encoded slash or a backslash: refused before routing, whatever it names."""

    status_code = 400

    def __init__(self) -> None:
        super().__init__(
            "the address contains a '.' or '..' segment (possibly percent-encoded as %2e), an encoded slash (%2f) "
            "or a backslash; write the full path without them",
            message_fr="l'adresse contient un segment « . » ou « .. » (éventuellement encodé en %2e), une barre "
            "oblique encodée (%2f) ou une barre oblique inverse ; écrivez le chemin complet sans eux",
        )


class NoApiRoute(NotFound):
    def __init__(self, path: str) -> None:
        super().__init__(f"no API route {path}", message_fr=f"aucune route d'API {path}")


class UpstreamTimeout(DomainError):
    status_code = 504

    def __init__(self, service: str) -> None:
        super().__init__(
            f"the {service} service did not answer in time; try again shortly",
            message_fr=f"le service {service} n'a pas répondu à temps ; réessayez dans quelques instants",
        )


class UpstreamUnreachable(DomainError):
    status_code = 502

    def __init__(self, service: str) -> None:
        super().__init__(
            f"the {service} service is unavailable; try again shortly",
            message_fr=f"le service {service} est indisponible ; réessayez dans quelques instants",
        )


def bilingual_response(
    error: DomainError, accept_language: str | None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """The body the kernel's DomainError handler writes, for answers given outside it (a middleware, or an
    error that also carries a header): `detail` in the negotiated language, `detail_fr` and `detail_en` beside."""
    language = negotiate(accept_language) if error.message_fr is not None else "en"
    detail = error.message_fr if language == "fr" else error.message
    body = {"detail": detail, "detail_en": error.message}
    if error.message_fr is not None:
        body["detail_fr"] = error.message_fr
    return JSONResponse(
        body,
        status_code=error.status_code,
        headers={"Content-Language": language, "Vary": "Accept-Language", **(headers or {})},
    )


async def service_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """503 with Retry-After: the kernel's DomainError handler has no place for the header."""
    assert isinstance(exc, ServiceUnavailable)
    return bilingual_response(
        exc, request.headers.get("accept-language"), headers={"Retry-After": str(exc.retry_after_s)}
    )
