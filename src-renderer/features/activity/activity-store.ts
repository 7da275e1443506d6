import { defineStore } from 'pinia'
import { toErrorShape, type AppErrorShape } from '../../../contract/app-error'
import type { ActivityEvent, ActivityValidation } from '../../../contract/activity-channels'
import { call } from '../../api/client'
import {
  blankDraft,
  blankRow,
  buildEvent,
  localDate,
  mergeIssues,
  templateViewsEvent,
  type ActivityDraft,
  type ActivityKind
} from './activity-draft'
import { describeEvent, pushHistory, type SendRecord } from './send-history'
import { useProfilesStore } from '../profiles/profiles-store'
import { useProfileTabs } from '../profiles/profile-tabs'

export interface ActivityTab {
  id: string
  profileId: string
  profileName: string
  title: string
  draft: ActivityDraft
  /** the last validation, with the composer's own issues merged in (cleared when it no longer applies) */
  validation?: ActivityValidation | undefined
  /** the event that validation was for (JSON), to tell when the form changed since */
  validatedFor?: string
  /** validation itself failed (main refused the arguments, or did not answer) */
  validateError?: AppErrorShape | undefined
  /** why the XML editor holds a template rather than the fields' document */
  xmlNotice?: string | undefined
  busy: 'validating' | 'sending' | 'filling' | null
  history: SendRecord[]
  /** the send whose reply is shown */
  shownId?: number
}

export const eventFingerprint = (event: ActivityEvent): string => JSON.stringify(event)

// Listing Activity composer tabs (Listing Activity API documentation): compose a tracker.gif view or a ViewTracking
// upload, validate it (main names each field it refuses and shows the request with the key as {apiKey}), send it, keep
// the replies.
export const useActivityStore = defineStore('activity', () => {
  const { tabs, byId, openFor, close } = useProfileTabs<ActivityTab>('act', (profile, id) => ({
    id,
    profileId: profile.id,
    profileName: profile.name,
    title: `${profile.name} · Activity`,
    draft: blankDraft(localDate()),
    busy: null,
    history: []
  }))
  let sends = 0

  async function validate(id: string): Promise<ActivityValidation | undefined> {
    const tab = byId(id)
    if (!tab) return undefined
    const { event, localIssues } = buildEvent(tab.draft)
    const prev = tab.busy
    tab.busy ??= 'validating'
    try {
      const v = await call('activity:validate', { event })
      const issues = mergeIssues(v.issues, localIssues)
      tab.validation = { ...v, issues, valid: v.valid && issues.length === 0 }
      tab.validateError = undefined
      tab.validatedFor = eventFingerprint(event)
      return tab.validation
    } catch (err) {
      tab.validation = undefined
      tab.validateError = toErrorShape(err)
      return undefined
    } finally {
      tab.busy = prev
    }
  }

  /** Validates first (issues show next to the fields and nothing invalid leaves), connects, sends. */
  async function send(id: string): Promise<void> {
    const tab = byId(id)
    if (!tab || tab.busy) return
    tab.busy = 'sending'
    try {
      const checked = await validate(id)
      if (!checked?.valid) return
      if (!(await useProfilesStore().connect(tab.profileId))) return
      const { event } = buildEvent(tab.draft)
      try {
        const reply = await call('activity:send', { profileId: tab.profileId, event })
        record(tab, describeEvent(event), { reply })
      } catch (err) {
        record(tab, describeEvent(event), { error: toErrorShape(err) })
      }
    } finally {
      tab.busy = null
    }
  }

  function record(tab: ActivityTab, label: string, outcome: Pick<SendRecord, 'reply' | 'error'>): void {
    const rec: SendRecord = { id: ++sends, at: new Date().toISOString(), label, ...outcome }
    tab.history = pushHistory(tab.history, rec)
    tab.shownId = rec.id
  }

  /** Switching to raw XML starts from the document the fields compose (when the editor is still empty). */
  async function setKind(id: string, kind: ActivityKind): Promise<void> {
    const tab = byId(id)
    if (!tab) return
    tab.draft.kind = kind
    if (kind === 'viewsXml' && !tab.draft.xml.trim()) await fillXml(id)
  }

  /** Puts the ViewTracking document of the Daily views fields into the XML editor (main composes it). */
  async function fillXml(id: string): Promise<void> {
    const tab = byId(id)
    if (!tab) return
    tab.busy = 'filling'
    try {
      const fromFields = buildEvent({ ...tab.draft, kind: 'views' })
      const composed = fromFields.localIssues.length
        ? undefined
        : await call('activity:validate', { event: fromFields.event })
      if (composed?.valid && composed.body) {
        tab.draft.xml = composed.body
        tab.xmlNotice = undefined
        return
      }
      const template = await call('activity:validate', { event: templateViewsEvent(tab.draft, localDate()) })
      if (template.body) tab.draft.xml = template.body
      tab.xmlNotice =
        'The Daily views fields are not complete, so this is a template built from what is usable: edit it here, ' +
        'or fix the fields and fill again.'
    } catch (err) {
      tab.xmlNotice = `Could not compose the document: ${toErrorShape(err).message}`
    } finally {
      tab.busy = null
    }
  }

  function addRow(id: string): void {
    byId(id)?.draft.listings.push(blankRow())
  }

  function removeRow(id: string, index: number): void {
    const tab = byId(id)
    if (!tab) return
    tab.draft.listings.splice(index, 1)
    if (!tab.draft.listings.length) tab.draft.listings.push(blankRow())
  }

  return { tabs, byId, openFor, close, validate, send, setKind, fillXml, addRow, removeRow }
})
