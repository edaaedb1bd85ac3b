"""Every rule or document the code cites resolves inside this repository: `docs/rules.md §N` names a numbered
section of docs/rules.md, and a cited document exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for folder in ("shared", "services", "tests", "bench", "deploy") for p in (ROOT / folder).rglob("*.py")]


def cited_sections() -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for path in SOURCES:
        for match in re.finditer(r"docs/rules\.md ((?:§[0-9.]+(?:,? (?:and )?)?)+)", path.read_text()):
            for number in re.findall(r"§([0-9]+(?:\.[0-9]+)?)", match.group(1)):
                cited.setdefault(number, set()).add(str(path.relative_to(ROOT)))
    return cited


def test_every_cited_section_of_the_rules_exists():
    rules = (ROOT / "docs" / "rules.md").read_text()
    sections = set(re.findall(r"^#+ ([0-9]+(?:\.[0-9]+)?)[ .]", rules, re.MULTILINE))
    sections |= set(re.findall(r"^- \*\*([0-9]+\.[0-9]+) ", rules, re.MULTILINE))
    sections |= {f"11.{n}" for n in re.findall(r"^([0-9]+)\. ", rules.split("## 11.")[1], re.MULTILINE)}
    cited = cited_sections()
    assert cited, "the code cites the rules; the pattern must find them"
    missing = {number: sorted(where) for number, where in cited.items() if number not in sections}
    assert missing == {}


def test_no_citation_points_outside_the_repository():
    outside = [
        str(p.relative_to(ROOT))
        for p in SOURCES
        if re.search(r"french-rules|ARCHITECTURE\.md|anchors-[a-z]+\.md", p.read_text())
        and p.name != "test_doc_references.py"
    ]
    assert outside == []
    for document in set(re.findall(r"docs/[a-z_]+\.md", " ".join(p.read_text() for p in SOURCES))):
        assert (ROOT / document).exists(), document
