"""The portal's token signing key: from the environment in production, generated and kept on disk in
the embedded and test profiles (so tokens survive a restart of `make run`)."""

from __future__ import annotations

import os

from shared.auth import SigningKey
from shared.config import Profile

from portal.config import Settings


def load_signing_key(settings: Settings) -> SigningKey:
    if settings.jwt_private_key_pem:
        return SigningKey.from_pem(settings.jwt_private_key_pem.encode())
    if settings.profile == Profile.PRODUCTION:
        raise RuntimeError("PORTAL_JWT_PRIVATE_KEY_PEM must be set in production: no signing key has a default there")
    if settings.jwt_key_file is None:
        return SigningKey.generate()
    path = settings.jwt_key_file
    if path.exists():
        return SigningKey.from_pem(path.read_bytes())
    key = SigningKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.to_pem())
    return key
