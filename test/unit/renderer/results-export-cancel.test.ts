// Results export is a job: cancelled from the status bar, main answers CANCELLED and the form reports it as a note
// (the user's choice), not as an error; other failures stay errors.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ExportForm from '../../../src-renderer/features/results/ExportForm.vue'
import { useTransport } from '../../../src-renderer/api/client'
import { useToastStore } from '../../../src-renderer/shell/toasts-store'
import type { AppErrorShape } from '../../../contract/app-error'
import { fakeApi } from './fake-api'

function refusingWith(error: AppErrorShape): void {
  const api = fakeApi({})
  useTransport({ ...api, invoke: async () => ({ ok: false, error }) })
}

async function exportTo(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const w = mount(ExportForm, { props: { resultId: 'res1' }, global: { plugins: [pinia] } })
  await w.get('[data-testid="export-open"]').trigger('click')
  await w.get('[data-testid="export-path"]').setValue(path)
  await w.get('form').trigger('submit')
  await flushPromises()
  return w
}

beforeEach(() => localStorage.clear())

describe('results export, cancelled', () => {
  it('says the export was cancelled as a note and closes the form', async () => {
    refusingWith({ code: 'CANCELLED', message: 'The export to /tmp/r.csv was cancelled.' })
    const w = await exportTo('/tmp/r.csv')
    const toast = useToastStore().toasts.at(-1)!
    expect(toast).toMatchObject({ kind: 'info', title: 'The export to /tmp/r.csv was cancelled.' })
    expect(w.find('form').exists()).toBe(false)
  })

  it('keeps a real failure an error', async () => {
    refusingWith({ code: 'EXPORT_BAD_PATH', message: 'The folder /nope does not exist.' })
    await exportTo('/nope/r.csv')
    expect(useToastStore().toasts.at(-1)).toMatchObject({ kind: 'error', title: 'The folder /nope does not exist.' })
  })
})
