// Copy to the clipboard with the app's feedback: a toast that says what was copied, or the browser's refusal.
import { useToastStore } from '../shell/toasts-store'

export async function copyText(text: string, what: string): Promise<void> {
  const toasts = useToastStore()
  try {
    await navigator.clipboard.writeText(text)
    toasts.info(`Copied ${what}`)
  } catch (err) {
    toasts.error(err)
  }
}
