"""``junit``: JUnit XML for CI dashboards.

One test suite per file with findings, one failing test case per finding
(``T001 at 3:5``); a clean run is one passing test case.
"""
import re
from xml.etree import ElementTree as ET

from . import SURROGATES, escape_characters

#: Characters XML 1.0 cannot carry (a message may quote them from the text), and
#: those UTF-8 cannot (see ``formats.printable``).
_NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{SURROGATES}\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return escape_characters(text, _NOT_XML)


def render(report, options) -> str:
    suites = ET.Element("testsuites", name="corpuslint", tests=str(max(len(report.findings), 1)),
                        failures=str(len(report.findings)), errors="0")
    by_path = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    for path, findings in by_path.items():
        path = _xml_safe(path)
        suite = ET.SubElement(suites, "testsuite", name=path, tests=str(len(findings)),
                              failures=str(len(findings)), errors="0")
        for f in findings:
            loc = f.location
            case = ET.SubElement(suite, "testcase", name=_xml_safe(f"{f.code} at {loc.line}:{loc.column}"),
                                 classname=path)
            message = _xml_safe(f.message)
            failure = ET.SubElement(case, "failure", message=message, type=_xml_safe(f"{f.code} {f.name}"))
            failure.text = f"{path}:{loc.line}:{loc.column}: {_xml_safe(f.code)} [{f.severity}] {message}"
    if not by_path:
        suite = ET.SubElement(suites, "testsuite", name="corpuslint", tests="1", failures="0", errors="0")
        ET.SubElement(suite, "testcase", name="no problems found", classname="corpuslint")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
