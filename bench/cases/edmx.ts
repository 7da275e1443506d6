// Case "edmx": a ~2 MB single-line $metadata parsed N times. Ours = readEdmx (own scanner, streaming);
// baseline = fast-xml-parser. Guard: both find the generator's entity types, properties and enum members.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { readEdmx } from '../../src-main/protocols/odata/edmx-reader'
import type { VariantFn } from '../harness/protocol'
import { preloadFastXmlParser } from '../harness/baseline-libs'
import type { EdmxCounts } from '../inputs/edmx-document'

export interface EdmxParams {
  file: string
  repeat: number
}

function countsChecksum(c: EdmxCounts): string {
  return createHash('sha256').update(`${c.entityTypes}:${c.properties}:${c.enumMembers}`).digest('hex')
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as EdmxParams
  const body = await readFile(p.file)
  const started = performance.now()
  let counts: EdmxCounts = { entityTypes: 0, properties: 0, enumMembers: 0 }
  for (let i = 0; i < p.repeat; i++) {
    const doc = await readEdmx(body)
    counts = {
      entityTypes: doc.entityTypes.length,
      properties: doc.entityTypes.reduce((n, t) => n + t.properties.length, 0),
      enumMembers: doc.enumTypes.reduce((n, e) => n + e.members.length, 0)
    }
  }
  return {
    rows: counts.properties,
    bytes: body.length * p.repeat,
    checksum: countsChecksum(counts),
    timedMs: performance.now() - started,
    extra: { ...counts }
  }
}

const ARRAYS = new Set([
  'Schema',
  'EntityType',
  'Property',
  'EnumType',
  'Member',
  'EntitySet',
  'Annotation',
  'NavigationProperty'
])

const fastXmlParser: VariantFn = async (raw) => {
  // loaded here, not at the top, so the 'ours' workers do not carry the baseline's code in their RSS
  const { XMLParser } = await import('fast-xml-parser')
  const p = raw as unknown as EdmxParams
  const body = await readFile(p.file)
  const started = performance.now()
  let counts: EdmxCounts = { entityTypes: 0, properties: 0, enumMembers: 0 }
  for (let i = 0; i < p.repeat; i++) {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      removeNSPrefix: true,
      isArray: (name) => ARRAYS.has(name)
    })
    type Schema = { EntityType?: Array<{ Property?: unknown[] }>; EnumType?: Array<{ Member?: unknown[] }> }
    const doc = parser.parse(body.toString('utf8')) as { Edmx: { DataServices: { Schema: Schema[] } } }
    const schemas = doc.Edmx.DataServices.Schema
    const types = schemas.flatMap((s) => s.EntityType ?? [])
    counts = {
      entityTypes: types.length,
      properties: types.reduce((n, t) => n + (t.Property?.length ?? 0), 0),
      enumMembers: schemas.flatMap((s) => s.EnumType ?? []).reduce((n, e) => n + (e.Member?.length ?? 0), 0)
    }
  }
  return {
    rows: counts.properties,
    bytes: body.length * p.repeat,
    checksum: countsChecksum(counts),
    timedMs: performance.now() - started,
    extra: { ...counts }
  }
}

export const variants: Record<string, VariantFn> = { ours, 'fast-xml-parser': fastXmlParser }

export const preload = { 'fast-xml-parser': preloadFastXmlParser }
