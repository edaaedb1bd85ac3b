"""Every rule or document the code cites resolves inside this repository: `docs/rules.md §N` names a numbered
section of docs/rules.md, and a cited document exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    p
    for folder in ("shared", "workbench", "services", "tests", "bench", "deploy")
    for p in (ROOT / folder).rglob("*.py")
]


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
        if re.search(r"french-rules|ARCHITECTURE\.md|STYLE\.md|anchors(?:-[a-z]+)?\.md", p.read_text())
        and p.name != "test_doc_references.py"
    ]
    assert outside == []
    for document in set(re.findall(r"docs/[a-z_]+\.md", " ".join(p.read_text() for p in SOURCES))):
        assert (ROOT / document).exists(), document


PATH_CITED = re.compile(
    r"(?<![\w/.-])((?:shared|workbench|services|tests|bench|deploy|docs)/[\w./-]*\w\.(?:py|md|ya?ml|toml|json|html|css|ini))"
)
ARCHITECTURE_SECTION = re.compile(r"docs/architecture\.md(?:,| \(|, section)\s*(?:\"([^\"\n]+)\"|([A-Z][^\n):]*))")


def test_every_path_the_code_cites_exists():
    """A path the code names (in a comment, a docstring, a message) is a file of the repository: from its root, or
    from the citing service's folder (`tests/unit/...` in services/intake/tests/... is intake's)."""
    missing = []
    for path in SOURCES:
        service = path.relative_to(ROOT).parts[:2] if path.relative_to(ROOT).parts[0] == "services" else ()
        for cited in PATH_CITED.findall(path.read_text()):
            if not (ROOT / cited).exists() and not (service and ROOT.joinpath(*service, cited).exists()):
                missing.append(f"{path.relative_to(ROOT)}: {cited}")
    assert missing == []


def test_every_cited_section_of_the_architecture_exists():
    headings = set(re.findall(r"^#+ (.+?)\s*$", (ROOT / "docs" / "architecture.md").read_text(), re.MULTILINE))
    cited = {
        f"{path.relative_to(ROOT)}: {section.strip()}"
        for path in SOURCES
        for quoted, bare in ARCHITECTURE_SECTION.findall(path.read_text())
        for section in [quoted or bare]
    }
    assert cited, "the code cites sections of docs/architecture.md; the pattern must find them"
    missing = sorted(entry for entry in cited if entry.split(": ", 1)[1] not in headings)
    assert missing == []
