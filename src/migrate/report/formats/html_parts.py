"""The static parts of the HTML report, each a fragment of escaped HTML.

Every value that comes from the data or the run (paths, items, values, messages) goes
through ``esc`` (``html.escape`` with quotes), so a value like ``<script>`` or
``"><img onerror=…>`` is text on the page, never markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from migrate.report.signoff import CodeSection, FileCounts, Reconciliation, SignOff

SEVERITIES = ("error", "warning", "info")


def esc(value: object) -> str:
    """Text → HTML text; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def table(head: Sequence[str], rows: Iterable[Sequence[str]], *, cls: str = "") -> str:
    """A table; ``head`` is escaped here, each cell of ``rows`` must already be HTML."""
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def td(value: object, *, num: bool = False, cls: str = "") -> str:
    """A table cell holding ``value`` as escaped text; ``num`` aligns it right."""
    classes = " ".join(c for c in ("n" if num else "", cls) if c)
    attr = f' class="{classes}"' if classes else ""
    return f"<td{attr}>{esc(value)}</td>"


def _num(value: int | None) -> str:
    return td("—" if value is None else f"{value:,}", num=True)


def manifest(doc: dict[str, Any] | None, t: dict[str, str]) -> str:
    """The manifest as a key/value table, inputs and mappings as tables of their own."""
    if doc is None:
        return f"<p>{esc(t['none'])}</p>"
    layout = doc["layout"]
    layout_text = f"{layout['id']} {layout['version']}"
    rows = [
        [td(t["tool"]), td(f"{doc['tool']['name']} {doc['tool']['version']}")],
        [td(t["command"]), td(doc["command"])],
        [
            td(t["layout"]),
            f"<td>{esc(layout_text)}<br>{_hash(layout['path'], layout['sha256'])}</td>",
        ],
        [td(t["started"]), td(doc["started_at"])],
        [td(t["finished"]), td(doc["finished_at"])],
        [td(t["options"]), td(", ".join(f"{k}={v}" for k, v in doc["options"].items()))],
    ]
    out = '<table class="kv"><tbody>' + "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    out += "</tbody></table>"
    sources = {
        "guessed": t["guessed"],
        "option": t["option"],
        "layout": t["layout_enc"],
        "mapping": t["mapping_enc"],
    }
    inputs = [
        [
            td(i["path"]),
            _num(i["size"]),
            f'<td class="hash">{esc(i["sha256"])}</td>',
            td(f"{i['encoding']} ({sources.get(i['encoding_source'], i['encoding_source'])})"),
        ]
        for i in doc["inputs"]
    ]
    out += f"<h3>{esc(t['inputs'])}</h3>"
    out += table([t["file"], t["size"], "SHA-256", t["encoding"]], inputs)
    if doc["mappings"]:
        maps = [
            [td(m["path"]), f'<td class="hash">{esc(m["sha256"])}</td>'] for m in doc["mappings"]
        ]
        out += f"<h3>{esc(t['mappings'])}</h3>" + table([t["file"], "SHA-256"], maps)
    return out


def _hash(path: str | None, sha256: str | None) -> str:
    return f'<span class="hash">{esc(path)}<br>SHA-256 {esc(sha256)}</span>'


def reconciliation(rows: Sequence[Reconciliation], t: dict[str, str]) -> str:
    """The 件数突合表: one row per file."""
    head = [t["file"], t["name"], t["records_in"], t["valid"], t["with_errors"]]
    head += [t["rejected"], t["out"], t["balances"]]
    body = []
    for r in rows:
        balances = {None: "—", True: "OK", False: "NG"}[r.balances]
        errors = f"{r.with_errors:,}" if r.exact else f"≥{r.with_errors:,}"
        body.append(
            [td(r.file), td(r.name), _num(r.records_in), _num(r.valid), td(errors, num=True)]
        )
        body[-1] += [_num(r.rejected), _num(r.out), td(balances)]
    out = table(head, body, cls="recon")
    if any(not r.exact for r in rows):
        out += f'<p class="listed">≥ {esc(t["lower_bound"])}</p>'
    return out


def counts(files: Sequence[FileCounts], t: dict[str, str]) -> str:
    """Per file: counts by severity, by kind and by code."""
    head = [t["file"], t["name"], t["error"], t["warning"], t["info"], t["kind"], t["code"]]
    body = [
        [td(f.file), td(f.name)]
        + [_num(f.by_severity.get(s, 0)) for s in SEVERITIES]
        + [td(", ".join(f"{k} {n:,}" for k, n in f.by_kind.items()))]
        + [td(", ".join(f"{k} {n:,}" for k, n in f.by_code.items()))]
        for f in files
    ]
    return table(head, body, cls="counts")


def chart(sections: Sequence[CodeSection], t: dict[str, str]) -> str:
    """An inline SVG bar chart of the findings per code, coloured by severity."""
    if not sections:
        return ""
    bar_h, gap, left, width = 18, 6, 70, 420
    top = max(s.count for s in sections)
    height = len(sections) * (bar_h + gap) + gap
    colours = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}
    parts = [
        f'<svg class="chart" role="img" aria-label="{esc(t["chart"])}" width="{left + width + 90}"'
        f' height="{height}" viewBox="0 0 {left + width + 90} {height}"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, s in enumerate(sections):
        y = gap + n * (bar_h + gap)
        w = max(1, round(width * s.count / top))
        colour = colours[s.code.severity.value]
        parts.append(
            f'<text x="0" y="{y + 13}">{esc(s.code.code)}</text>'
            f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}"/>'
            f'<text x="{left + w + 6}" y="{y + 13}">{s.count:,}</text>'
        )
    parts.append("</svg>")
    return f"<h3>{esc(t['chart'])}</h3>" + "".join(parts)


def sections(model: SignOff, lang: str, t: dict[str, str]) -> str:
    """One section per finding code: documentation, items affected, example locations."""
    out = []
    for s in model.sections:
        c, doc = s.code, s.doc
        template = c.ja if lang == "ja" else c.en
        title = template.format(field="…", detail="…", encoding="…")
        sev = c.severity.value
        parts = [
            f'<section class="code" id="code-{esc(c.code)}" data-code="{esc(c.code)}"'
            f' data-count="{s.count}">'
            f'<h3>{esc(c.code)} {esc(c.slug)} <span class="sev-{sev}">{esc(t[sev])}</span>'
            f" × {s.count:,}</h3>",
            f"<p>{esc(title)}</p>",
        ]
        if doc is not None:
            fix = doc.fix_ja if lang == "ja" else doc.fix
            parts.append(
                f'<dl class="doc"><dt>{esc(t["what"])}</dt><dd>{esc(doc.what)}</dd>'
                f"<dt>{esc(t['why'])}</dt><dd>{esc(doc.why)}</dd>"
                f"<dt>{esc(t['fix'])}</dt><dd>{esc(fix)}</dd></dl>"
            )
        if s.items:
            listed = ", ".join(f"{k} ({n:,})" for k, n in s.items.most_common())
            parts.append(f"<p><strong>{esc(t['items'])}:</strong> {esc(listed)}</p>")
        if s.examples:
            head = [t["file"], t["line"], t["record"], t["item"], t["value"], t["message"]]
            rows = [
                [td(f.file), td(f.line, num=True), td(f.record, num=True), td(f.field)]
                for f in s.examples
            ]
            for row, f in zip(rows, s.examples, strict=True):
                row += [td(f.value), td(f.message(lang))]
            parts.append(f"<h4>{esc(t['examples'])}</h4>" + table(head, rows))
        parts.append("</section>")
        out.append("".join(parts))
    return "".join(out) or f"<p>{esc(t['none'])}</p>"
