// Public entry of the three query languages. Pure TypeScript: no Node or DOM APIs, so the renderer, the Demo MLS
// server and the CLI all import it. See README.md for the API.
export * from './source-range'
export * from './values/record-value'
export * from './values/field-kind'
export { compareRecordValues } from './values/sort-order'
export type * from './editor/editor-types'
export * as dmql from './dmql'
export * as odata from './odata'
export * as sparkql from './sparkql'
