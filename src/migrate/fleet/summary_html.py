"""The fleet summary as one self-contained HTML page: packages × 移行ファイル and the pass share.

No script: a static page whose only style is its own, allowed by hash in a strict
Content-Security-Policy (``default-src 'none'``) as the sign-off report's is. Every value
(package names, paths, reasons) is escaped.
"""

from __future__ import annotations

from string import Template

from migrate.fleet.matrix import LABELS, cell_text, columns, rows
from migrate.fleet.outcome import COULD_NOT_RUN, VALID
from migrate.fleet.summary import FleetSummary
from migrate.report.formats.html_format import csp_hash
from migrate.report.formats.html_parts import esc, table, td

CSS = """body{font-family:system-ui,"Hiragino Sans","Yu Gothic UI","Meiryo","Noto Sans CJK JP",
sans-serif;margin:0 auto;max-width:1400px;padding:1rem 1.5rem;color:#101828}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #d0d5dd;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.n{text-align:right}
td.ok{background:#ecfdf3}td.ng{background:#fef3f2}td.none{color:#98a2b3}
.totals{font-size:1.1rem}"""

PAGE = Template("""<!DOCTYPE html>
<html lang="$lang"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<title>$title</title><style>$css</style></head>
<body><h1>$title</h1>
<p class="totals" id="totals">$totals</p>
$facts
<section id="matrix">$matrix</section>
</body></html>
""")


def _csp(css: str) -> str:
    """No script at all; only this page's own style."""
    return f"default-src 'none'; style-src {csp_hash(css)}; base-uri 'none'; form-action 'none'"


def render_html(summary: FleetSummary, lang: str = "ja") -> str:
    """The page."""
    t = LABELS["en" if lang == "en" else "ja"]
    names = columns(summary)
    body = []
    for row in rows(summary, names):
        o = row.outcome
        status = t[o.status] + (t["unchanged"] if o.skipped else "")
        cls = "ok" if o.status == VALID else "ng"
        head = [td(o.name), td(status, cls=cls)]
        if o.status == COULD_NOT_RUN:
            span = max(len(names), 1)
            body.append([*head, f'<td colspan="{span}">{esc(t["reason"])}: {esc(o.reason)}</td>'])
            continue
        cells = [
            td(cell_text(c, t), cls="none" if c is None else ("ok" if c.valid else "ng"))
            for c in row.cells
        ]
        body.append([*head, *cells])
    doc = summary.to_dict()["totals"]
    totals = (
        f"{esc(t['packages'])} {doc['packages']:,}: {esc(t['valid'])} {doc['valid']:,} / "
        f"{esc(t['invalid'])} {doc['invalid']:,} / {esc(t['could-not-run'])} "
        f"{doc['could-not-run']:,} — {esc(t['pass_share'])} {summary.pass_share:.0%}"
    )
    facts = table(
        [t["layout"], t["fail_on"], t["reports"]],
        [[td(summary.layout_id), td(summary.fail_on), td(summary.reports)]],
    )
    return PAGE.substitute(
        lang="en" if lang == "en" else "ja",
        csp=esc(_csp(CSS)),
        title=esc(t["title"]),
        css=CSS,
        totals=totals,
        facts=facts,
        matrix=table([t["package"], t["status"], *names], body),
    )
