// RETS endpoints of the Demo MLS (capability URLs advertised by Login). GET and POST are both accepted, as
// RETS 1.7.2 §3.2 allows; parameters come from the query string or a form body.
import type { DemoHandler, Mount } from '../http/router'
import { RETS_PATHS, handleAction, handleLogin, handleLogout } from './rets-login'
import { handleGetMetadata } from './metadata/getmetadata'
import { handleSearch } from './search/search-handler'
import { handleGetObject, handleMedia } from './getobject'

/**
 * Every RETS transaction goes through here: a RETS-Request-ID the client sent comes back on the reply, as RETS 1.7.2
 * asks of servers (clients match replies to requests in their logs by it).
 */
function transaction(handler: DemoHandler): DemoHandler {
  return (req, res, ctx) => {
    const id = req.headers['rets-request-id']
    if (typeof id === 'string' && id !== '') res.setHeader('RETS-Request-ID', id)
    return handler(req, res, ctx)
  }
}

export const mountRets: Mount = (router) => {
  const transactions: Array<[string, DemoHandler]> = [
    [RETS_PATHS.login, handleLogin],
    [RETS_PATHS.action, handleAction],
    [RETS_PATHS.getMetadata, handleGetMetadata],
    [RETS_PATHS.search, handleSearch],
    [RETS_PATHS.getObject, handleGetObject],
    [RETS_PATHS.logout, handleLogout]
  ]
  for (const method of ['GET', 'POST'])
    for (const [path, handler] of transactions) router.add(method, path, transaction(handler))
  router.add('GET', /^\/rets\/media\/(?<key>[^/]+)\/(?<type>[^/]+)\/(?<order>\d+)\.jpg$/, handleMedia)
}
