"""Documentation generated from the rules stays in step with them."""
import os

from conftest import REPO


def test_rules_reference_is_up_to_date(cli, tmp_path):
    proc = cli("rules", "--format", "markdown", cwd=tmp_path)
    with open(os.path.join(REPO, "docs", "rules.md"), encoding="utf-8") as fh:
        checked_in = fh.read()
    assert proc.stdout == checked_in, ("docs/rules.md is out of date: run "
                                       "`corpuslint rules --format markdown > docs/rules.md`")


def test_every_rule_documents_why_and_gives_an_example():
    from corpuslint.registry import Registry
    from corpuslint.rules import BUILTIN_RULES

    for cls in Registry(list(BUILTIN_RULES)).classes:
        doc = cls.documentation()
        assert len(doc.split("\n\n")) >= 2, f"{cls.code}: documentation is one paragraph"
        if cls.code != "F900":  # internal errors have no example text
            assert "Example" in doc, f"{cls.code}: no example"
