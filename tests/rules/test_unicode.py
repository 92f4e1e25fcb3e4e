"""U rules: what the case files cannot say (fix safety, repairs that round-trip, bounded work, determinism).

The running time of U001 on the long lines here is measured by bench/worst_cases.py.
"""
import os
import subprocess
import sys
from difflib import SequenceMatcher

import ftfy
import ftfy.bad_codecs
import pytest
from conftest import lines_run

import corpuslint
from corpuslint.rules.unicode.html_tag import HtmlTag
from corpuslint.rules.unicode.mojibake import changed_blocks
from corpuslint.rules.unicode.replacement_character import in_ranges

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
    report = corpuslint.lint(["doc.txt"], {"max-findings-per-rule": 100_000}, select=[code])  # every finding
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


def _chinese(n, seed):
    """``n`` CJK ideographs, an invented sequence (a long line with no spaces)."""
    return "".join(chr(0x4E00 + (seed * 7919 + i * 104729) % 2000) for i in range(n))


@pytest.fixture
def repaired_windows(monkeypatch):
    """The length of every stretch of text U001 hands to ftfy for repair, in order."""
    lengths = []
    real = ftfy.fix_encoding_and_explain

    def recording(text, *args, **kwargs):
        lengths.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ftfy, "fix_encoding_and_explain", recording)
    return lengths


#: The most ftfy may be given at once: the words around one garbled span, up to
#: 100 characters each way (``WORD_REACH``), and the span itself.
MAX_WINDOW = 250
#: Work on a line twice as long may be at most this many times as much (linear: 2; quadratic: 4).
LINEAR_GROWTH = 2.2


def _bounded_u001_work(tmp_path, monkeypatch, windows, text, shorter):
    """U001's findings on ``text``, after checking that its work is bounded: ftfy sees
    short windows, each character about once, and the Python work grows linearly
    (from ``shorter``, a text about half as long)."""
    _lint(tmp_path, monkeypatch, "Ferry\n\nCaf\u00c3\u00a9.\n", "U001")  # set up the rule first
    _, half = lines_run(lambda: _lint(tmp_path, monkeypatch, shorter, "U001"))
    windows.clear()
    findings, whole = lines_run(lambda: _lint(tmp_path, monkeypatch, text, "U001"))
    assert max(windows) <= MAX_WINDOW, f"ftfy was given {max(windows)} characters at once"
    assert sum(windows) <= 2 * len(text), f"ftfy was given {sum(windows)} characters of a {len(text)}-character text"
    assert whole < LINEAR_GROWTH * half, f"twice the text took {whole / half:.2f} times the work"
    return findings


@pytest.mark.parametrize("line, expected", [
    # 24,000 Chinese characters, 299 stray "Ã©": 6 s before the search around a span was bounded
    (lambda k: "\u00c3\u00a9".join(_chinese(80, i) for i in range(k)), 299),
    # 4,800 letters without a space, 59 "cafÃ©": 6 s before the word window was bounded
    (lambda k: "caf\u00c3\u00a9".join(["wendorfkellanlindby" * 4] * k), 59),
], ids=["chinese", "latin"])
def test_mojibake_on_a_long_line_without_spaces_takes_linear_work(tmp_path, monkeypatch, repaired_windows,
                                                                   line, expected):
    findings = _bounded_u001_work(tmp_path, monkeypatch, repaired_windows,
                                  f"Ferry resumes\n\n{line(expected + 1)}\n",
                                  f"Ferry resumes\n\n{line(expected // 2 + 1)}\n")
    assert len(findings) == expected


def test_mojibake_repairs_do_not_depend_on_the_hash_seed(tmp_path):
    """A field garbled as Windows-1250 on one line and ISO-8859-2 on another: the
    sequence both could repair ('\u0102\u015b': 'Ü' or 'ö') is repaired the same way
    in every process (seeds 0 and 1 iterate a set of the two names in opposite orders)."""
    (tmp_path / "doc.txt").write_text(
        "Ferry resumes\n\nDvo\u0139\u2122\u0102\u02c7k \u00c4\u0164ekal.\n\nP\u0139\x99\u0102\xadli\u0139\u0104.\n\n"
        "Dr Sch\u0102\u015bfer in Kellan.\n", encoding="utf-8")
    script = ("import corpuslint; print([f.message for f in corpuslint.lint(['doc.txt'], select=['U001']).findings]"
              "[-1])")
    messages = set()
    for seed in ("0", "1"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True,
                              text=True, check=True)
        messages.add(proc.stdout.strip())
    assert messages == {"mojibake '\u0102\u015b' (UTF-8 read as Windows-1250): should be '\u00dc'"}


@pytest.mark.parametrize("encoding", ["sloppy-windows-1252", "mac-roman", "sloppy-windows-1251"])
def test_a_long_garbled_line_without_spaces_is_repaired_whole_with_bounded_work(tmp_path, monkeypatch,
                                                                                repaired_windows, encoding):
    """3,000 Chinese characters read as a single-byte encoding: 9,000 characters of
    mojibake with no word to stop at (up to 4 s before the word window was bounded)."""
    def garbled(n):
        return f"Ferry resumes\n\n{_chinese(n, 1)}\n".encode().decode(encoding)

    findings = _bounded_u001_work(tmp_path, monkeypatch, repaired_windows, garbled(3000), garbled(1500))
    assert _apply(garbled(3000), findings) == f"Ferry resumes\n\n{_chinese(3000, 1)}\n"


def test_html_tag_compiles_no_pattern_per_element(tmp_path, monkeypatch):
    import re

    import corpuslint.rules.unicode.html_tag  # noqa: F401  (its patterns are compiled on import)

    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile",
                        lambda pattern, *args, **kw: compiled.append(str(pattern)) or real(pattern, *args, **kw))
    text = "Ferry times\n\n" + "<script>var x = 1;</script> Boats leave at nine.<style>p {}</style>\n" * 3
    findings = _lint(tmp_path, monkeypatch, text, "U003")
    assert len(findings) == 4  # a style element and the script on the next line are one
    assert not [p for p in compiled if p.startswith("</")]


def test_replacement_character_ranges_are_a_binary_search():
    inside = in_ranges([(10, 12), (0, 3), (2, 5), (7, 7)])  # unsorted, overlapping, one empty
    assert [i for i in range(14) if inside(i)] == [0, 1, 2, 3, 4, 10, 11]


def test_a_file_of_invalid_bytes_is_no_mojibake(tmp_path, monkeypatch):
    """Only U+FFFD and C1 controls around a span: there is no character to repair (and
    no window to examine around each of them)."""
    text = "Ferry resumes\n\n" + "\ufffd" * 3000 + " " + "\x85\x90" * 1000 + "\n"
    assert _lint(tmp_path, monkeypatch, text, "U001") == []


@pytest.mark.parametrize("encoding", ["sloppy-windows-1252", "sloppy-windows-1251", "mac-roman"])
def test_the_anchored_diff_finds_what_difflib_finds(encoding):
    """Printable ASCII anchors the diff of a line and its repair; the changed blocks
    are those difflib finds comparing the whole line."""
    for sentence in SENTENCES + ["\u0414\u043c\u0438\u0442\u0440\u0438\u0439 said: \u201cno\u201d, 3 \u00d7 \u20ac4."]:
        original = sentence.encode("utf-8").decode(encoding, errors="replace")
        fixed = ftfy.fix_encoding(original)
        whole = [op[1:] for op in SequenceMatcher(None, original, fixed, autojunk=False).get_opcodes()
                 if op[0] != "equal"]
        assert changed_blocks(original, fixed) == whole


def test_an_unclosed_comment_is_looked_up_not_searched():
    """The ends of comments are found once: a run of '<!--' with no '-->' is no
    comment, and a closed comment ends at the first '-->' within 4,000 characters."""
    rule = HtmlTag()
    assert list(rule.tags("<!--" * 2000 + " text")) == []
    text = "a <!-- x --> b <!--" + "y" * 4001 + "--> c <!----> d"
    assert [(s, e, name) for s, e, name, _ in rule.tags(text)] == [(2, 12, "!--"), (4026, 4033, "!--")]
    assert next(rule.tags("<!-- <p> -->"))[:3] == (0, 12, "!--")
