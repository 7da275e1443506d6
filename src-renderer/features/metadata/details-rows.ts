// The rows of the metadata details table: every attribute once. The server's attributes are shown verbatim under
// the names the server used (what an integrator looks up in the spec); the normalised properties only add what no
// server attribute already says (OData carries fewer attributes, and the workbench derives a few, e.g. isKey).

export type DetailRow = [name: string, value: string]

/** normalised property → the RETS attributes that carry it where the names differ */
const ALIASES: Record<string, string[]> = {
  maxlength: ['maximumlength'],
  name: ['classname', 'resourceid', 'lookupname'],
  type: ['objecttype'],
  mimetype: ['mimetype']
}

const norm = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, '')

function scalars(obj: object, skip: readonly string[]): DetailRow[] {
  const out: DetailRow[] = []
  for (const [k, v] of Object.entries(obj)) {
    if (skip.includes(k) || v === undefined || v === null || typeof v === 'object') continue
    out.push([k, String(v)])
  }
  return out
}

export function detailRows(
  props: object,
  attrs: Record<string, string> | undefined,
  skip: readonly string[] = []
): { props: DetailRow[]; attrs: DetailRow[] } {
  const serverRows = attrs ? scalars(attrs, []) : []
  const said = new Set(serverRows.map(([k]) => norm(k)))
  const own = scalars(props, skip).filter(([k]) => {
    const n = norm(k)
    return !said.has(n) && !(ALIASES[n] ?? []).some((a) => said.has(a))
  })
  return { props: own, attrs: serverRows }
}
