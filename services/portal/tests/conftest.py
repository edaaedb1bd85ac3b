"""Real HTTP servers for the portal's tests: the gateway and the fresh reads talk to other services over a
socket, and raw paths must reach the portal exactly as a client wrote them."""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
import uvicorn

from workbench.stack.broker import free_port


@pytest.fixture
def serve() -> Iterator[Callable[[object], str]]:
    """`serve(asgi_app)` -> the base URL of a uvicorn server running the app (lifespan included) on loopback.

    The socket listens before the server thread starts, so a client may connect at once: the kernel queues
    the connection until uvicorn accepts it, and no test waits for a start-up."""
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: object) -> str:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", free_port()))
        sock.listen(64)
        config = uvicorn.Config(app, log_level="warning", lifespan="on")  # type: ignore[arg-type]  # any ASGI app
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        running.append((server, thread))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, _ in running:
        server.should_exit = True
    for _, thread in running:
        thread.join(timeout=10)


@pytest.fixture
def tokens(issue_token) -> dict[str, object]:
    """Creditors A and B (ids and headers), an agent and a bailiff, as Authorization headers."""
    creditor_a, creditor_b = uuid.uuid4(), uuid.uuid4()

    def bearer(role: str, **claims: object) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(role, **claims)}"}

    return {
        "a": creditor_a,
        "b": creditor_b,
        "creditor_a": bearer("creditor", creditor_id=creditor_a),
        "creditor_b": bearer("creditor", creditor_id=creditor_b),
        "agent": bearer("agent"),
        "bailiff": bearer("bailiff", partner_id=uuid.uuid4()),
    }
