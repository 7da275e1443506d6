import { defineStore } from 'pinia'
import { ref, toRaw } from 'vue'
import type { ConnectionTestStep, ProfileSummary } from '../../../contract/profile-channels'
import { enteredSecrets, profileKindSchema, type EnteredSecretName, type ProfileKind } from '../../../contract/kinds'
import { ApiError, call } from '../../api/client'
import { blankProfile, fieldErrors, getPath, setPath } from './profile-form'
import { checkPostgresUrl, syncStoreOf } from './sync-store-form'
import { useProfilesStore } from './profiles-store'
import { useToastStore } from '../../shell/toasts-store'

// The profile editor dialog: a draft of the profile (never any secret in it), secrets typed into separate
// fields and sent once to main's secret store, and the steps of the last "Test connection".
export const useProfileEditorStore = defineStore('profileEditor', () => {
  const open = ref(false)
  const profileId = ref<string | null>(null)
  const builtin = ref(false)
  const draft = ref<Record<string, unknown>>({})
  const errors = ref<Record<string, string>>({})
  const stored = ref<string[]>([])
  const newSecrets = ref<Partial<Record<EnteredSecretName, string>>>({})
  const testing = ref(false)
  const steps = ref<ConnectionTestStep[]>([])
  const saving = ref(false)
  /**
   * Test connection needs the profile saved (main tests what it has stored). What the last explicit Save (or the
   * open) left, so Cancel can undo the test's save: the profile as it was, or null when the test created it.
   */
  let beforeTest: { profile: Record<string, unknown> | null } | undefined
  /** the profile as last loaded or explicitly saved (null: not saved yet) */
  let lastSaved: Record<string, unknown> | null = null

  function reset(): void {
    beforeTest = undefined
    errors.value = {}
    newSecrets.value = {}
    steps.value = []
  }

  async function edit(summary: ProfileSummary): Promise<void> {
    reset()
    draft.value = (await call('profiles:get', { profileId: summary.id })) as unknown as Record<string, unknown>
    lastSaved = structuredClone(toRaw(draft.value))
    profileId.value = summary.id
    builtin.value = summary.builtin
    stored.value = summary.storedSecrets
    open.value = true
  }

  function create(kind: ProfileKind): void {
    reset()
    draft.value = blankProfile(kind)
    lastSaved = null
    profileId.value = null
    builtin.value = false
    stored.value = []
    open.value = true
  }

  /** Saves the profile, then any secrets typed in; returns false (and shows why, per field) when refused. */
  async function save(): Promise<boolean> {
    const ok = await write()
    if (ok) {
      beforeTest = undefined
      lastSaved = structuredClone(toRaw(draft.value))
    }
    return ok
  }

  /**
   * A password pasted into the PostgreSQL connection string goes to the password secret field, out of the profile;
   * returns whether there was one.
   */
  function takePostgresPassword(): boolean {
    const text = getPath(draft.value, 'sync.postgresUrl')
    if (typeof text !== 'string') return false
    const { url, password } = checkPostgresUrl(text)
    if (url !== text) setPath(draft.value, 'sync.postgresUrl', url)
    if (password) newSecrets.value.postgresPassword = password
    return password !== undefined
  }

  async function write(): Promise<boolean> {
    saving.value = true
    errors.value = {}
    takePostgresPassword()
    try {
      const payload = { ...draft.value }
      // main makes the id from the name and keeps the timestamps
      for (const key of ['id', 'createdAt', 'updatedAt']) delete payload[key]
      const saved = await call('profiles:save', {
        ...(profileId.value ? { profileId: profileId.value } : {}),
        profile: payload as never
      })
      profileId.value = saved.id
      draft.value = saved as unknown as Record<string, unknown>
      for (const name of secretNames()) {
        const value = newSecrets.value[name]
        if (value) await call('secrets:set', { profileId: saved.id, name, value })
      }
      newSecrets.value = {}
      await useProfilesStore().load()
      stored.value = useProfilesStore().byId(saved.id)?.storedSecrets ?? stored.value
      return true
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PROFILE_INVALID') errors.value = fieldErrors(err.detail)
      if (!Object.keys(errors.value).length) useToastStore().error(err)
      return false
    } finally {
      saving.value = false
    }
  }

  async function clearSecret(name: EnteredSecretName): Promise<void> {
    if (!profileId.value) return
    try {
      await call('secrets:clear', { profileId: profileId.value, name })
      stored.value = stored.value.filter((n) => n !== name)
    } catch (err) {
      useToastStore().error(err)
    }
  }

  async function test(): Promise<void> {
    if (!builtin.value) {
      beforeTest ??= { profile: lastSaved }
      if (!(await write())) return
    }
    testing.value = true
    steps.value = []
    try {
      steps.value = await call('profiles:test', { profileId: profileId.value! })
    } catch (err) {
      useToastStore().error(err)
    } finally {
      testing.value = false
    }
  }

  /** Closes without saving: a profile saved only so it could be tested is removed again, or put back as it was. */
  async function cancel(): Promise<void> {
    open.value = false
    const undo = beforeTest
    const id = profileId.value
    reset()
    if (!undo || !id) return
    try {
      if (undo.profile === null) await call('profiles:delete', { profileId: id })
      else {
        const payload = { ...undo.profile }
        for (const key of ['id', 'createdAt', 'updatedAt']) delete payload[key]
        await call('profiles:save', { profileId: id, profile: payload as never })
      }
    } catch (err) {
      useToastStore().error(err)
    }
    await useProfilesStore().load()
  }

  /**
   * The secrets the form asks for: those of the draft's kind (contract/kinds.ts; main refuses any other), the
   * PostgreSQL password only while the sync store is PostgreSQL.
   */
  function secretNames(): EnteredSecretName[] {
    const kind = profileKindSchema.safeParse(draft.value.kind)
    const names = kind.success ? enteredSecrets(kind.data) : []
    return syncStoreOf(draft.value) === 'postgres' ? names : names.filter((n) => n !== 'postgresPassword')
  }

  return {
    open,
    profileId,
    builtin,
    draft,
    errors,
    stored,
    newSecrets,
    testing,
    steps,
    saving,
    edit,
    create,
    save,
    clearSecret,
    takePostgresPassword,
    test,
    cancel,
    secretNames
  }
})
