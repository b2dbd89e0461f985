"""GitHub Actions workflow commands: one annotation per listed finding, then a summary notice.

``::error file=F,line=L,title=CODE slug::message`` (``warning`` and ``notice`` for the other
severities). Escaping follows the Actions runner: in a message ``%``, CR and LF are written
``%25``, ``%0D``, ``%0A``; in a property also ``:`` and ``,`` (``%3A``, ``%2C``). Values are
masked as in every format unless --show-values.
"""

from __future__ import annotations

from migrate.report.model import Finding, Report

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A message: ``%``, CR and LF escaped (``%`` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, lang: str) -> str:
    """One workflow command (``::error file=…,line=…,title=…::message``), escaped."""
    props = [f"file={escape_property(f.file)}"]
    if f.line is not None:
        props.append(f"line={f.line}")
    props.append(f"title={escape_property(f'{f.code} {f.spec.slug}')}")
    where = f"record {f.record}" if f.record is not None else ""
    key = f"key {f.key}" if f.key else ""
    value = f"value={f.value!r}" if f.value not in (None, "") else ""
    context = ", ".join(p for p in (where, key, value) if p)
    message = f.message(lang) + (f" ({context})" if context else "")
    return f"::{LEVELS[f.spec.severity.value]} {','.join(props)}::{escape_data(message)}"


def render(report: Report, lang: str = "en") -> str:
    """One annotation per listed finding, then a summary ``::notice``."""
    lines = [annotation(f, lang) for r in report.files for f in r.sorted_findings()]
    t = report.totals()
    listed = sum(len(r.findings) for r in report.files)
    counted = sum(sum(r.counts.values()) for r in report.files)
    verdict = "valid" if report.valid else "invalid"
    summary = (
        f"migrate: {verdict}: {t['error']} errors, {t['warning']} warnings, {t['info']} infos "
        f"in {len(report.files)} file(s); {listed} of {counted} findings annotated"
    )
    lines.append(f"::notice title={escape_property('migrate summary')}::{escape_data(summary)}")
    return "\n".join(lines) + "\n"
