// Every protocol the Demo MLS speaks, in registration order (first matching route wins).
// Helper C appends mountOAuth, mountSpark, mountReso here.
import type { Mount } from './http/router'
import { mountAdmin } from './admin/admin-routes'
import { mountRets } from './rets/rets-routes'
import { mountIdx } from './idx/idx-routes'
import { mountActivity } from './activity/activity-routes'
import { mountOAuth } from './oauth/oauth-routes'
import { mountSpark } from './spark/spark-routes'
import { mountReso } from './reso/reso-routes'
import { mountWebApiAdmin } from './web-api/api-settings-routes'

export const mounts: Mount[] = [
  mountAdmin,
  mountRets,
  mountIdx,
  mountActivity,
  mountOAuth,
  mountSpark,
  mountReso,
  mountWebApiAdmin
]
