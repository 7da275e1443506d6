// Run in a child process by open-secret-store.test.ts: libsecret reads the D-Bus address once per process, so
// "no keychain" is tested in a process started without one. Prints the chosen store's info() as JSON.
import { openSecretStore } from '../../../../src-main/platform/secrets/open-secret-store'

const store = await openSecretStore({ filePath: '/nonexistent/secrets.json', probeTimeoutMs: 3000 })
process.stdout.write(JSON.stringify(store.info()))
