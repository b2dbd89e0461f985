"""JUnit XML for CI: one testsuite per file, one testcase per finding code (rule).

A rule with error findings is a failure; warnings and infos pass and are listed in
system-out. Files without findings get one passing testcase so the suite is never empty.
"""

from __future__ import annotations

from lxml import etree

from migrate import codes
from migrate.report.model import FileResult, Report


def _suite(result: FileResult, lang: str) -> etree._Element:
    suite = etree.Element("testsuite", name=f"{result.path} [{result.file_id or '?'}]")
    failures = 0
    listed: dict[str, list[str]] = {}
    for f in result.sorted_findings():
        where = f"line {f.line}" if f.line else "file"
        field = f" {f.field}" if f.field else ""
        listed.setdefault(f.code, []).append(f"{where}{field}: {f.message(lang)}")
    for code in sorted(result.counts):
        spec = codes.BY_CODE[code]
        n = result.counts[code]
        case = etree.SubElement(
            suite, "testcase", classname=result.file_id or "file", name=f"{code} {spec.slug}"
        )
        body = "\n".join(listed.get(code, []))
        if n > len(listed.get(code, [])):
            body += f"\n… {n - len(listed.get(code, []))} more"
        if spec.severity is codes.Severity.ERROR:
            failures += 1
            fail = etree.SubElement(
                case,
                "failure",
                type=spec.slug,
                message=f"{n} finding(s) of {code} {spec.slug}",
            )
            fail.text = body
        else:
            out = etree.SubElement(case, "system-out")
            out.text = f"{spec.severity.value}: {n} finding(s)\n{body}"
    if not result.counts:
        etree.SubElement(suite, "testcase", classname=result.file_id or "file", name="valid")
    suite.set("tests", str(max(1, len(result.counts))))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    return suite


def render(report: Report, lang: str = "en") -> str:
    """The JUnit XML document, one testsuite per file, messages in ``lang``."""
    command = report.meta.get("command", "validate")
    root = etree.Element("testsuites", name=f"migrate {command} --layout {report.layout_id}")
    for result in report.files:
        root.append(_suite(result, lang))
    data: bytes = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return data.decode()
