// The Demo MLS in its own process, so its peak RSS is measured apart from the client's; 'reset-peak' starts the
// peak over, so each reply the plan captures gets its own figure.
import { startDemoMls } from '../../demo-mls/server'
import type { DemoMlsOptions } from '../../demo-mls/demo-context'
import { peakRssMb, resetPeakRss, serverUsage } from '../harness/peak-rss'

process.once('message', (options: Partial<DemoMlsOptions>) => {
  void startDemoMls(options).then((mls) => {
    process.send?.({ url: mls.url })
    process.on('message', (m) => {
      if (m === 'reset-peak') {
        resetPeakRss()
        process.send?.({ reset: true })
        return
      }
      if (m === 'rss') {
        process.send?.(serverUsage())
        return
      }
      if (m !== 'stop') return
      void mls.close().then(() => {
        process.send?.({ peakRssMb: peakRssMb() }, () => process.exit(0))
      })
    })
  })
})
