"""The `fake_provider` fixture: the fake SMS and postal provider (docs/providers.md) on a free port.

One server serves the whole run, with `auto_deliver` off: a test sends each outcome itself with
`send_event`, or switches delivery on for a while with `with fake_provider.auto_delivering(): ...`."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from workbench.stack.broker import free_port
from workbench.stack.fake_provider import FakeProvider, FakeProviderSettings
from workbench.stack.fake_psp import PspSettings


class RunningFakeProvider:
    def __init__(self, provider: FakeProvider) -> None:
        self.provider = provider
        self.base_url = provider.base_url
        self.api_key = provider.settings.api_key
        self.webhook_secret = provider.settings.webhook_secret
        self.post_dir = provider.settings.post_dir
        self.psp = provider.settings.psp  # the fake card-payment provider's keys (`fake_psp`); it sends no events here

    def messages(self) -> list[dict[str, Any]]:
        """Every request the provider accepted, as `GET /_control/messages` lists them."""
        return self.provider.messages()

    def send_event(
        self, kind: str, id: str, status: str, received_on: date | None = None, detail: str | None = None
    ) -> dict[str, Any]:
        """Sends that callback now through the control route; returns its answer
        (`{"delivered_to", "answer", "attempts"}`), failing the test when the route refuses."""
        body: dict[str, Any] = {"status": status}
        if received_on is not None:
            body["received_on"] = received_on.isoformat()
        if detail is not None:
            body["detail"] = detail
        response = httpx.post(f"{self.base_url}/_control/{kind}/{id}/events", json=body, timeout=30)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    @contextmanager
    def auto_delivering(self) -> Iterator[None]:
        self.provider.auto_deliver = True
        try:
            yield
        finally:
            self.provider.auto_deliver = False


@pytest.fixture(scope="session")
def fake_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningFakeProvider]:
    provider = FakeProvider(
        FakeProviderSettings(
            api_key=f"test-key-{secrets.token_hex(8)}",
            webhook_secret=f"test-secret-{secrets.token_hex(16)}",
            post_dir=Path(tmp_path_factory.mktemp("post")),
            port=free_port(),
            auto_deliver=False,
            callback_backoff_s=0.05,
            psp=PspSettings(
                secret_key=f"sk_test_{secrets.token_hex(8)}", webhook_secret=f"whsec_{secrets.token_hex(16)}"
            ),
        )
    )
    provider.start()
    yield RunningFakeProvider(provider)
    provider.stop()
