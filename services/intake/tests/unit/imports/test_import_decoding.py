"""UTF-8, UTF-8 with BOM and Windows-1252 text, decoded as it streams, even when the encoding shows late."""

import io

from intake.imports.decoding import decode_head, text_stream


def read_all(data: bytes) -> str:
    with text_stream(io.BufferedReader(io.BytesIO(data))) as text:
        return text.read()


def test_utf8_with_a_bom_loses_the_bom():
    assert read_all("\ufeffSociété".encode()) == "Société"


def test_windows_1252_bytes_are_read_as_windows_1252():
    text = "Société Générale – 1\u00a0234,56 €"
    assert read_all(text.encode("cp1252")) == text


def test_windows_1252_text_far_after_an_ascii_start_is_still_read_right():
    data = b"x" * 200_000 + "Müller & Söhne".encode("cp1252")
    assert read_all(data).endswith("Müller & Söhne")


def test_the_first_bytes_decode_even_when_they_cut_a_character_in_two():
    assert decode_head("ab€".encode()[:-1]) == "ab"


def test_bytes_windows_1252_leaves_undefined_do_not_stop_the_reading():
    assert read_all(b"a\x81b") == "a\x81b"
