// The RETS form's credential settings (issue 17): allowing Basic over plain http is a checkbox that stores true or
// nothing and shows its warning while ticked; it is offered only for 'auto' authentication.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import ProfileField from '../../../src-renderer/features/profiles/ProfileField.vue'
import { FORMS } from '../../../src-renderer/features/profiles/profile-form'

const field = FORMS.rets.flatMap((s) => s.fields).find((f) => f.path === 'allowBasicOverHttp')!

describe('Allow Basic over plain http', () => {
  it('is a checkbox with a warning, shown for auto authentication', async () => {
    expect(field.type).toBe('checkbox')
    expect(field.when).toEqual({ path: 'authMethod', in: ['auto'] })
    const draft = reactive<Record<string, unknown>>({ authMethod: 'auto' })
    const wrapper = mount(ProfileField, { props: { field, draft, readonly: false } })
    expect(wrapper.find('.warning').exists()).toBe(false)
    await wrapper.find('input[type=checkbox]').setValue(true)
    expect(draft.allowBasicOverHttp).toBe(true)
    expect(wrapper.find('.warning').text()).toMatch(/password/)
    await wrapper.find('input[type=checkbox]').setValue(false)
    expect('allowBasicOverHttp' in draft).toBe(false)
  })
})
