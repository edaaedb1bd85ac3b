"""A 100,000-line CSV is read in memory that does not grow with the file."""

import tracemalloc

from workbench import samples

from intake.imports import CaseRow, parse_upload

LINES = 100_000


def test_a_hundred_thousand_line_csv_is_parsed_in_bounded_memory(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as out:
        samples.write_french_csv(out, samples.numbered_rows(LINES))
    assert path.stat().st_size > 5_000_000  # far more than the memory allowed below

    count, last = 0, None
    with path.open("rb") as stream:
        tracemalloc.start()
        try:
            for row in parse_upload(stream, "big.csv"):
                assert isinstance(row, CaseRow)
                count, last = count + 1, row
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

    assert count == LINES and last is not None and last.line == LINES + 1
    assert peak < 3 * 1024 * 1024, f"peak traced memory {peak:,} bytes"
