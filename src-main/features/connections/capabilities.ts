// What the app says when a channel needs a capability the connection's kind lacks (contract/kinds.ts), and the
// check that a connection built by the factory has exactly the capabilities of its kind.
import { AppError } from '../../../contract/app-error'
import {
  CAPABILITIES,
  CAPABILITY_VERBS,
  KINDS,
  PROFILE_KINDS,
  kindFacts,
  kindHas,
  type Capability,
  type ProfileKind
} from '../../../contract/kinds'
import { capabilityOf, type CapabilityImpls, type Connection } from './connection'

export function missingCapability(kind: ProfileKind, capability: Capability): AppError {
  const able = PROFILE_KINDS.filter((k) => kindHas(k, capability)).map((k) => KINDS[k].label)
  const instead = kindFacts(kind).instead
  return new AppError({
    code: 'CAPABILITY_MISSING',
    message: `A ${KINDS[kind].label} connection cannot ${CAPABILITY_VERBS[capability]}.`,
    hint: [`Use a profile of kind ${listOf(able)} for that.`, instead].filter(Boolean).join(' ')
  })
}

/** The capability, or the error that says which kinds have it. */
export function requireCapability<C extends Capability>(connection: Connection, capability: C): CapabilityImpls[C] {
  const found = capabilityOf(connection, capability)
  if (!found) throw missingCapability(connection.kind, capability)
  return found
}

/** The factory's promise: a connection of a kind offers what the kinds table says, nothing more, nothing less. */
export function checkCapabilities(connection: Connection): Connection {
  const wrong = CAPABILITIES.filter((c) => kindHas(connection.kind, c) !== (capabilityOf(connection, c) !== undefined))
  if (wrong.length) {
    throw new Error(`A ${connection.kind} connection does not match the kinds table for: ${wrong.join(', ')}`)
  }
  return connection
}

function listOf(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}
