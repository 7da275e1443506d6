// RETS endpoints of the Demo MLS (capability URLs advertised by Login). GET and POST are both accepted, as
// RETS 1.7.2 §3.2 allows; parameters come from the query string or a form body.
import type { Mount } from '../http/router'
import { RETS_PATHS, handleAction, handleLogin, handleLogout } from './rets-login'
import { handleGetMetadata } from './metadata/getmetadata'
import { handleSearch } from './search/search-handler'
import { handleGetObject, handleMedia } from './getobject'

export const mountRets: Mount = (router) => {
  for (const method of ['GET', 'POST']) {
    router.add(method, RETS_PATHS.login, handleLogin)
    router.add(method, RETS_PATHS.action, handleAction)
    router.add(method, RETS_PATHS.getMetadata, handleGetMetadata)
    router.add(method, RETS_PATHS.search, handleSearch)
    router.add(method, RETS_PATHS.getObject, handleGetObject)
    router.add(method, RETS_PATHS.logout, handleLogout)
  }
  router.add('GET', /^\/rets\/media\/(?<key>[^/]+)\/(?<type>[^/]+)\/(?<order>\d+)\.jpg$/, handleMedia)
}
