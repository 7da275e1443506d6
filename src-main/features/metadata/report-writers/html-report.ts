// The metadata as a single-file HTML data dictionary: searchable (every word must match a row), collapsible per
// resource, class and lookup, light/dark, and self-contained — a CSP of default-src 'none' means it cannot fetch
// anything even if a server's text tried. Every server string is escaped; nothing is inserted as markup.
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import { FIELD_COLUMNS, fieldCells, VALUE_COLUMNS } from './field-columns'
import { REPORT_CSS, REPORT_JS } from './html-report-assets'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

function table(columns: readonly string[], rows: string[][]): string {
  if (!rows.length) return '<p class="empty">None loaded.</p>'
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')
  const body = rows.map((r) => `<tr data-row>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
}

function group(title: string, meta: string, inner: string, open = false): string {
  return `<details data-group${open ? ' open' : ''}><summary>${escapeHtml(title)}<span class="meta">${escapeHtml(meta)}</span></summary>\n${inner}\n</details>`
}

export function metadataHtml(model: MetadataModel, notLoaded: string[] = [], generatedAt = new Date()): string {
  const s = model.system
  const facts: Array<[string, string | undefined]> = [
    ['Source', model.source],
    ['System', s.id],
    ['Description', s.description],
    ['Version', s.version],
    ['Timestamp', s.timestamp],
    ['Generated', generatedAt.toISOString()]
  ]
  const resources = model.resources.map((r) => {
    const classes = r.classes.map((c) => {
      const fields = c.fields ?? []
      const desc = c.description ? `<p class="desc">${escapeHtml(c.description)}</p>` : ''
      return group(
        `Class ${c.name}`,
        `${c.visibleName ?? ''} · ${fields.length} fields`,
        desc + table(FIELD_COLUMNS, fields.map(fieldCells))
      )
    })
    const lookups = r.lookups.map((l) => {
      const values = (l.values ?? []).map((v) => [
        v.value,
        v.longValue ?? '',
        v.shortValue ?? '',
        v.standardValue ?? ''
      ])
      return group(`Lookup ${l.name}`, `${l.visibleName ?? ''} · ${values.length} values`, table(VALUE_COLUMNS, values))
    })
    const meta = [r.standardName, `${r.classes.length} classes`, `${r.lookups.length} lookups`]
      .filter(Boolean)
      .join(' · ')
    const desc = r.description ? `<p class="desc">${escapeHtml(r.description)}</p>` : ''
    return group(`Resource ${r.name}`, meta, desc + classes.join('\n') + lookups.join('\n'), true)
  })
  const missing = notLoaded.length
    ? group(
        'Not loaded',
        `${notLoaded.length}`,
        table(
          ['What the offline snapshot does not have'],
          notLoaded.map((n) => [n])
        ),
        true
      )
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data dictionary — ${escapeHtml(s.id)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Data dictionary — ${escapeHtml(s.id)}</h1>
<input id="q" type="search" placeholder="Search fields, lookups, values…" aria-label="Search" autofocus>
<button id="expand" type="button">Expand all</button><button id="collapse" type="button">Collapse all</button>
<button id="theme" type="button" title="Light / dark">◐</button>
<span id="count" class="count"></span>
</header>
<main>
<dl class="system">${facts
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v ?? '')}</dd>`)
    .join('')}</dl>
${resources.join('\n')}
${missing}
</main>
<script>${REPORT_JS}</script>
</body>
</html>
`
}
