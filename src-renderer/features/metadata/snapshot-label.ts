// A kept metadata snapshot's id as people read it. The id is `MetadataVersion@MetadataTimestamp` made file-safe
// (':' → '_'), e.g. 01.00.00001@2026-05-02T00_00_00Z: shown as "version 01.00.00001 of 2 May 2026, 00:00".

export function snapshotLabel(id: string, savedAt: string, locale?: string): string {
  const [version, stamp] = id.includes('@') ? id.split('@', 2) : [id, undefined]
  const parts: string[] = []
  if (version) parts.push(`version ${version}`)
  const when = stamp ? readStamp(stamp) : undefined
  if (when) parts.push(`of ${formatDate(when, locale)}`)
  else if (stamp) parts.push(`of ${stamp}`)
  const kept = new Date(savedAt)
  const keptText = Number.isNaN(kept.getTime()) ? '' : ` (kept ${formatDate(kept, locale)})`
  return `${parts.join(' ') || id}${keptText}`
}

/** 2026-05-02T00_00_00Z (or with ':' / fractions / an offset) → a Date; undefined when it is not a timestamp */
function readStamp(stamp: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2})[_:](\d{2})(?:[_:](\d{2}))?(?:[._]\d+)?(Z|[+-]\d{2}[_:]?\d{2})?)?$/.exec(
    stamp
  )
  if (!m) return undefined
  const zone = m[5] ? m[5].replace('_', ':') : 'Z'
  const d = new Date(`${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}${zone}`)
  return Number.isNaN(d.getTime()) ? undefined : d
}

function formatDate(d: Date, locale?: string): string {
  return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
}
