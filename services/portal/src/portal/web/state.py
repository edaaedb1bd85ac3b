"""What the web pages share for the app's life, built once when the app is created (`portal.web.mount`)."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from shared.fresh_reads import TokenSource

from portal.web.config import WebSettings
from portal.web.sessions import SessionSealer


@dataclass(frozen=True)
class WebState:
    settings: WebSettings
    sealer: SessionSealer
    csrf_key: bytes
    secure: bool  # cookies marked Secure: the public URL is https
    templates: Environment
    service_token: TokenSource  # the portal's own `service` token: a debtor's page has no user to read as
    debtor_link_key: bytes
    token_lifetime_s: int
    public_base_url: str
