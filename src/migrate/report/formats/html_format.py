"""The HTML sign-off report: one self-contained file, nothing fetched from anywhere.

The page is ``templates/report.html`` filled by ``string.Template`` (no template engine:
the page has one level of placeholders, and every value is escaped by ``html_parts.esc``
before it is placed). CSS and JS are inlined and allowed by their SHA-256 in a strict
Content-Security-Policy (``default-src 'none'``), so the page can load nothing, even if a
value were to slip through as markup. The findings travel as one JSON blob in a
``<script type="application/json">`` (``<``, ``>`` and ``&`` escaped) that vanilla JS pages
through 100 rows at a time, writing cells with ``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib import resources
from string import Template

from migrate.report.formats import html_parts as parts
from migrate.report.formats.html_parts import esc
from migrate.report.formats.labels import criterion, labels, title
from migrate.report.model import Report
from migrate.report.signoff import SignOff, build, fail_on_of

COLUMNS = ("file", "line", "record", "item", "code", "severity", "message", "value")


@cache
def _asset(name: str) -> str:
    return (resources.files("migrate.report") / "templates" / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The CSP source that allows exactly this inline style or script (``'sha256-…'``)."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def content_security_policy(css: str, js: str) -> str:
    """Nothing may be fetched; only this page's own style and script may run."""
    return (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def json_for_script(data: object) -> str:
    """JSON that cannot end its ``<script>`` element or open markup inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _data(model: SignOff, lang: str, t: dict[str, str]) -> dict[str, object]:
    rows = [
        [r.path, f.line, f.record, f.field, f.code, f.spec.severity.value, f.message(lang), f.value]
        for r, f in model.findings()
    ]
    return {
        "columns": list(COLUMNS),
        "severity": COLUMNS.index("severity"),
        "code": COLUMNS.index("code"),
        "page": t["page"],
        "rows": rows,
    }


def render_signoff(model: SignOff, lang: str = "ja") -> str:
    """The page of a sign-off model (validate's, convert's or readiness's)."""
    t = labels(lang)
    css, js = _asset("report.css"), _asset("report.js")
    total = sum(model.totals.values())
    head_names = [t["file"], t["line"], t["record"], t["item"], t["code"]]
    head_names += [t["severity"], t["message"], t["value"]]
    listed = t["listed"].format(listed=f"{model.listed:,}", total=f"{total:,}")
    fields = {
        "lang": "en" if lang == "en" else "ja",
        "csp": esc(content_security_policy(css, js)),
        "title": esc(title(t, model.command)),
        "css": css,
        "js": js,
        "fails": "true" if model.fails else "false",
        "verdict_class": "fail" if model.fails else "pass",
        "verdict": esc(t["fail" if model.fails else "pass"]),
        "criterion": esc(criterion(t, model.command, model.fail_on)),
        "totals": " / ".join(
            f'<span class="sev-{s}" data-severity="{s}">{esc(t[s])} {n:,}</span>'
            for s, n in model.totals.items()
        ),
        "manifest": parts.manifest(model.manifest, t),
        "reconciliation": parts.reconciliation(model.reconciliation, t),
        "chart": parts.chart(model.sections, t),
        "counts": parts.counts(model.counts, t),
        "sections": parts.sections(model, lang, t),
        "listed": esc(listed if model.truncated else t["listed_all"].format(listed=f"{total:,}")),
        "severity_options": "".join(
            f'<option value="{s}">{esc(t[s])}</option>' for s in parts.SEVERITIES
        ),
        "code_options": "".join(
            f'<option value="{esc(s.code.code)}">{esc(s.code.code)}</option>'
            for s in model.sections
        ),
        "findings_head": "".join(f"<th>{esc(h)}</th>" for h in head_names),
        "noscript": esc(t["noscript"]),
        "data": json_for_script(_data(model, lang, t)),
        **{
            f"h_{k}": esc(t[k])
            for k in (
                "manifest",
                "reconciliation",
                "counts",
                "codes",
                "findings",
                "filter",
                "severity",
                "all",
                "code",
                "prev",
                "next",
                "signoff",
                "checker",
                "approver",
                "date",
            )
        },
    }
    return Template(_asset("report.html")).substitute(fields)


def render(report: Report, lang: str = "ja") -> str:
    """The HTML report of a validation, at the ``--fail-on`` its manifest records."""
    return render_signoff(build(report, fail_on_of(report)), lang)
