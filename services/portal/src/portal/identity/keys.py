"""The portal's token keys: the signing key, from the environment in production, generated and kept on disk in
the embedded and test profiles (so tokens survive a restart of `make run`); and the JWKS it publishes, the
signing key's public half plus those of `PORTAL_JWT_ALSO_PUBLISHED` during a rotation (docs/operations.md)."""

from __future__ import annotations

import os
import re
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth import SigningKey, public_jwk
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


PUBLIC_PEM = re.compile(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.DOTALL)


def also_published(text: str) -> list[rsa.RSAPublicKey]:
    """The public keys of `PORTAL_JWT_ALSO_PUBLISHED`: PEM blocks, their newlines written as such or as `\\n`.

    A private key is refused: the setting sits in a ConfigMap, and only the public half is ever needed."""
    text = text.replace("\\n", "\n").strip()
    if not text:
        return []
    if "PRIVATE KEY" in text:
        raise RuntimeError(
            "PORTAL_JWT_ALSO_PUBLISHED holds a private key: give only its public half "
            "(openssl pkey -in key.pem -pubout); the setting is not a secret"
        )
    blocks = PUBLIC_PEM.findall(text)
    if not blocks:
        raise RuntimeError("PORTAL_JWT_ALSO_PUBLISHED holds no '-----BEGIN PUBLIC KEY-----' block")
    keys = []
    for block in blocks:
        key = serialization.load_pem_public_key(block.encode())
        if not isinstance(key, rsa.RSAPublicKey):
            raise RuntimeError("PORTAL_JWT_ALSO_PUBLISHED: every key must be an RSA public key")
        keys.append(key)
    return keys


def published_jwks(settings: Settings, signing_key: SigningKey) -> dict[str, Any]:
    """The JWKS: the signing key first, then every other published key once (by `kid`)."""
    entries = [signing_key.jwk()] + [public_jwk(key) for key in also_published(settings.jwt_also_published)]
    unique: dict[str, dict[str, Any]] = {}
    for entry in entries:
        unique.setdefault(entry["kid"], entry)
    return {"keys": list(unique.values())}
