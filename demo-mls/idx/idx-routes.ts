// The IDX API (DDF-style URLs): its own Login advertising Search.svc, then Search and Logout.
// GetObject and GetMetadata are the RETS ones (same session cookie).
import type { Mount } from '../http/router'
import { RETS_PATHS, handleLogout, makeLoginHandler } from '../rets/rets-login'
import { handleIdxSearch } from './idx-search-route'

export const IDX_PATHS = {
  login: '/idx/Login.svc/Login',
  search: '/idx/Search.svc/Search',
  logout: '/idx/Logout.svc/Logout'
} as const

const handleIdxLogin = makeLoginHandler(() => [
  `Login=${IDX_PATHS.login}`,
  `Search=${IDX_PATHS.search}`,
  `GetObject=${RETS_PATHS.getObject}`,
  `GetMetadata=${RETS_PATHS.getMetadata}`,
  `Logout=${IDX_PATHS.logout}`
])

export const mountIdx: Mount = (router) => {
  for (const method of ['GET', 'POST']) {
    router.add(method, IDX_PATHS.login, handleIdxLogin)
    router.add(method, IDX_PATHS.search, handleIdxSearch)
    router.add(method, IDX_PATHS.logout, handleLogout)
  }
}
