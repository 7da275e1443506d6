// RETS Search (RETS 1.7.2 §7): streams matching rows as they are found. Count=1 costs a counting pass first
// (COUNT precedes the data); Count=2 answers with the count only. MAXROWS follows flexmls: present whenever
// rows exist past the page or the page hit the server cap (so it also appears on an exact last page).
import type { ServerResponse } from 'node:http'
import type { DemoContext } from '../../demo-context'
import type { DemoRequest } from '../../http/router'
import { requireCaller } from '../rets-access'
import { XML_DECL, sendReplyCode, xmlEscape } from '../rets-envelope'
import { XmlStream } from '../xml-writer'
import { countMatching, openPage } from './search-paging'
import { planSearch } from './search-plan'
import { searchOutput } from './search-output'

const NO_RECORDS = 'No Records Found.'

export async function handleSearch(req: DemoRequest, res: ServerResponse, ctx: DemoContext): Promise<void> {
  const caller = requireCaller(req, res, ctx)
  if (!caller) return
  const plan = planSearch(ctx, caller.user, await req.form())
  if (!('resource' in plan)) {
    sendReplyCode(res, ctx, plan.code, plan.text, plan.body ?? '')
    return
  }
  const rows = plan.cls.rows(plan.rowHint)
  const total = plan.count > 0 ? countMatching(rows, plan.test) : undefined
  if (total === 0) {
    sendReplyCode(res, ctx, 20201, NO_RECORDS)
    return
  }
  const open = `${XML_DECL}<RETS ReplyCode="0" ReplyText="${xmlEscape('Operation Successful')}">\r\n`
  if (plan.count === 2) {
    const stream = new XmlStream(res, ctx)
    await stream.write(`${open}<COUNT Records="${total ?? 0}"/>\r\n`)
    await stream.end('</RETS>\r\n')
    return
  }
  const page = openPage(plan.cls.rows(plan.rowHint), plan.test, {
    offset: plan.offset,
    limit: plan.limit,
    cap: ctx.options.maxRows,
    resumeKey: plan.resultSet
  })
  if (page.first === undefined) {
    sendReplyCode(res, ctx, 20201, NO_RECORDS)
    return
  }
  const out = searchOutput(ctx, plan)
  const stream = new XmlStream(res, ctx)
  await stream.write(open + out.header(total))
  out.row(page.first, stream.bytes)
  let returned = 1
  for (const row of page.rest()) {
    out.row(row, stream.bytes)
    // awaits only when a chunk went out
    const flushed = stream.flushIfFull()
    if (flushed) await flushed
    returned++
  }
  const maxRows = page.more() || returned >= ctx.options.maxRows
  await stream.end(`${out.footer(maxRows)}</RETS>\r\n`)
}
