// What the quick switcher (Ctrl/Cmd+P) lists — profiles, saved queries, and the resources, classes and fields of the
// connected profile — and what picking each one does. Fields are listed for the classes whose fields are loaded.
import type { FieldMeta } from '../../domain/metadata/metadata-model'
import { useLibraryStore } from '../features/library/library-store'
import { useSessionStore } from '../features/metadata/session-store'
import { useProfilesStore } from '../features/profiles/profiles-store'
import { DETAILS_TAB, useQueryTabsStore } from '../features/query/query-tabs-store'
import type { PickerItem } from '../ui/picker'

export type SwitchTarget =
  | { type: 'profile'; profileId: string }
  | { type: 'query'; queryId: string }
  | { type: 'class'; profileId: string; resource: string; cls: string }
  | { type: 'field'; profileId: string; resource: string; cls: string; field: FieldMeta; keyField: boolean }

export interface SwitchEntry {
  item: PickerItem
  target: SwitchTarget
  /** what the fuzzy filter matches against */
  text: string
}

/** Classes whose fields the switcher loads when it opens (RETS asks the server once per class). */
export const FIELD_CLASSES_LOADED = 12

export function switchEntries(): SwitchEntry[] {
  const out: SwitchEntry[] = []
  for (const p of useProfilesStore().profiles) {
    const item = { key: `p:${p.id}`, title: p.name, detail: `profile · ${p.kind}`, icon: 'plug' } as const
    out.push({ item, target: { type: 'profile', profileId: p.id }, text: p.name })
  }
  for (const q of useLibraryStore().queries) {
    const where = q.folder ? `saved query · ${q.folder}` : 'saved query'
    const item = { key: `q:${q.id}`, title: q.name, detail: where, icon: 'bookmark' } as const
    out.push({ item, target: { type: 'query', queryId: q.id }, text: `${q.name} ${q.folder ?? ''}` })
  }
  const session = useSessionStore()
  const profileId = session.activeProfileId
  const summary = profileId ? session.summaries.get(profileId) : undefined
  if (!profileId || !summary) return out
  for (const r of summary.resources) {
    for (const c of r.classes) {
      const title = c.name === r.name ? r.name : `${r.name} · ${c.name}`
      const detail = [c.visibleName && c.visibleName !== c.name ? c.visibleName : '', 'class'].filter(Boolean)
      out.push({
        item: { key: `c:${r.name}|${c.name}`, title, detail: detail.join(' · '), icon: 'symbol-class' },
        target: { type: 'class', profileId, resource: r.name, cls: c.name },
        text: `${title} ${c.visibleName ?? ''}`
      })
    }
  }
  for (const r of summary.resources) {
    for (const c of r.classes) {
      const fields = session.fieldsOf(profileId, r.name, c.name)
      if (!Array.isArray(fields)) continue
      for (const f of fields) {
        const names = [f.longName, f.standardName].filter((n) => n && n !== f.systemName)
        out.push({
          item: {
            key: `f:${r.name}|${c.name}|${f.systemName}`,
            title: f.systemName,
            detail: [...names, `${r.name} · ${c.name}`].join(' · '),
            icon: 'symbol-field'
          },
          target: {
            type: 'field',
            profileId,
            resource: r.name,
            cls: c.name,
            field: f,
            keyField: r.keyField === f.systemName
          },
          text: `${f.systemName} ${names.join(' ')}`
        })
      }
    }
  }
  return out
}

/** Loads the fields of the connected profile's first classes, so the switcher can list them. */
export async function loadSwitchFields(): Promise<void> {
  const session = useSessionStore()
  const profileId = session.activeProfileId
  const summary = profileId ? session.summaries.get(profileId) : undefined
  if (!profileId || !summary) return
  const classes = summary.resources.flatMap((r) => r.classes.map((c) => [r.name, c.name] as const))
  await Promise.all(classes.slice(0, FIELD_CLASSES_LOADED).map(([r, c]) => session.ensureFields(profileId, r, c)))
}

export async function openTarget(target: SwitchTarget): Promise<void> {
  const tabs = useQueryTabsStore()
  if (target.type === 'profile') {
    await useProfilesStore().connect(target.profileId)
  } else if (target.type === 'query') {
    await useLibraryStore().open(target.queryId)
  } else if (target.type === 'class') {
    const profile = useProfilesStore().byId(target.profileId)
    const tab = profile ? tabs.open(profile) : undefined
    if (!tab || tab.params.kind === 'spark') return
    tab.params.resource = target.resource
    if (tab.params.kind === 'dmql') tab.params.class = target.cls
  } else {
    const { profileId, resource, cls, field, keyField } = target
    const session = useSessionStore()
    session.select(profileId, { kind: 'field', resource, cls, field, keyField })
    if (field.lookupName) void session.ensureLookup(profileId, resource, field.lookupName)
    tabs.activate(DETAILS_TAB)
  }
}
