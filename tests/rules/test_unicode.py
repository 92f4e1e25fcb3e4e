"""U rules: what the case files cannot say (fix safety, repairs that round-trip)."""
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest

import corpuslint

#: What upstream programs wrongly decoded UTF-8 with; Windows-1252 as browsers read it
#: (bytes it leaves undefined, like 0x9D of "”", pass through as C1 controls).
GARBLING_ENCODINGS = ["latin-1", "sloppy-windows-1252", "mac-roman"]
#: Invented sentences with the characters mojibake most often hits.
SENTENCES = [
    "The caf\u00e9 in Wendorf reopened, said Zo\u00eb M\u00fcller.",
    "\u201cWe\u2019re not done yet,\u201d the mayor said \u2014 twice.",
    "Tickets cost \u00a312 or \u20ac14; the ferry to \u00c5lby leaves at 9\u00b0C.",
    "Jos\u00e9 Ib\u00e1\u00f1ez and Fran\u00e7oise No\u00ebl met in K\u00f6ln\u2026",
]


def _lint(tmp_path, monkeypatch, text, code):
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    report = corpuslint.lint(["doc.txt"], select=[code])
    return [f for f in report.findings if f.code == code]


def _apply(text, findings):
    for finding in sorted(findings, key=lambda f: -f.fix.start):
        text = text[:finding.fix.start] + finding.fix.replacement + text[finding.fix.end:]
    return text


@pytest.mark.parametrize("encoding", GARBLING_ENCODINGS)
def test_mojibake_fixes_restore_the_text(tmp_path, monkeypatch, encoding):
    original = "Wendorf ferry\n\n" + "\n\n".join(SENTENCES) + "\n"
    garbled = original.encode("utf-8").decode(encoding)
    assert garbled != original
    findings = _lint(tmp_path, monkeypatch, garbled, "U001")
    assert findings and all(f.fix.safe for f in findings)
    assert _apply(garbled, findings) == original


def test_mojibake_leaves_the_clean_sentences_alone(tmp_path, monkeypatch):
    assert _lint(tmp_path, monkeypatch, "Wendorf ferry\n\n" + "\n\n".join(SENTENCES) + "\n", "U001") == []


def test_removing_a_bidi_override_is_an_unsafe_fix(tmp_path, monkeypatch):
    text = "Wendorf ferry\n\nFile report\u202etxt.exe, and im\u00adprisoned.\n"
    bidi, soft_hyphen = _lint(tmp_path, monkeypatch, text, "U004")
    assert (bidi.fix.replacement, bidi.fix.safe) == ("", False)
    assert (soft_hyphen.fix.replacement, soft_hyphen.fix.safe) == ("", True)


def test_removing_markup_is_an_unsafe_fix(tmp_path, monkeypatch):
    (finding,) = _lint(tmp_path, monkeypatch, "Wendorf ferry\n\nTimes vary.<br/>\n", "U003")
    assert finding.fix.safe is False
