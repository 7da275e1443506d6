// The context URL of a reply (OData Part 1 §10): `$metadata#Property` for whole entities, `$metadata#Property(a,b)`
// for a projection (§10.9). An expanded navigation property is listed with its own select list in parentheses,
// empty when it has none — Part 1 §10.9's example `Customers(Name,Address/Country())`. A single entity adds
// `/$entity` (§10.3).

export interface ContextExpansion {
  path: string
  select?: string[]
}

export function contextUrl(
  metadataUrl: string,
  set: string,
  select: string[] | undefined,
  expanded: ContextExpansion[],
  entity = false
): string {
  const items = [
    ...(select ?? []).filter((s) => !expanded.some((e) => e.path === s)),
    ...expanded.map((e) => `${e.path}(${(e.select ?? []).join(',')})`)
  ]
  return `${metadataUrl}#${set}${items.length ? `(${items.join(',')})` : ''}${entity ? '/$entity' : ''}`
}
