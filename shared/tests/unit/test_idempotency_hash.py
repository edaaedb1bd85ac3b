"""The request fingerprint behind `Idempotency-Key`: a re-encoded multipart upload is the same request."""

from starlette.datastructures import Headers

from shared.request_hash import BodyHasher


def fingerprint(boundary: str, body: bytes, chunk: int) -> str:
    hasher = BodyHasher(Headers({"content-type": f"multipart/form-data; boundary={boundary}"}))
    for start in range(0, len(body), chunk):
        hasher.update(body[start : start + chunk])
    return hasher.hexdigest()


def upload(boundary: str, content: bytes) -> bytes:
    return (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n'.encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )


def test_the_same_upload_under_two_boundaries_and_any_chunking_has_one_fingerprint():
    content = b"numero;montant\n" * 500
    first = fingerprint("a1b2c3d4", upload("a1b2c3d4", content), 7)
    assert fingerprint("zz99yy88", upload("zz99yy88", content), 4096) == first
    assert fingerprint("zz99yy88", upload("zz99yy88", content), 1) == first


def test_another_upload_has_another_fingerprint():
    assert fingerprint("a1b2c3d4", upload("a1b2c3d4", b"numero;montant\n1;2\n"), 5) != fingerprint(
        "a1b2c3d4", upload("a1b2c3d4", b"numero;montant\n1;3\n"), 5
    )


def test_a_json_body_is_hashed_as_is_with_its_content_type():
    json_hasher, text_hasher = (
        BodyHasher(Headers({"content-type": "application/json"})),
        BodyHasher(Headers({"content-type": "text/plain"})),
    )
    json_hasher.update(b"{}")
    text_hasher.update(b"{}")
    assert json_hasher.hexdigest() != text_hasher.hexdigest()
