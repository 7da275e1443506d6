// Whether a response body can be shown as text in the raw view or needs the hex view.
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false
  const type = contentType.toLowerCase()
  return (
    type.startsWith('text/') ||
    /[/+](xml|json)\b/.test(type) ||
    type.includes('application/x-www-form-urlencoded') ||
    type.includes('charset=')
  )
}
