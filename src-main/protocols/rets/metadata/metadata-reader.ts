// Reads one GetMetadata reply (streamed) into blocks, in either format, and applies the envelope rules.
import { scanCompact } from '../search/compact-scanner'
import { streamXml } from '../xml-stream'
import { charsetFromContentType } from '../xml-text'
import { assertRetsReply } from '../rets-reply'
import { CompactMetadataCollector, type MetadataBlock } from './metadata-blocks'
import { XmlMetadataCollector } from './xml-metadata-collector'

export type MetadataFormat = 'COMPACT' | 'STANDARD-XML'

export interface MetadataReadResult {
  blocks: MetadataBlock[]
  replyCode: number
  replyText: string
  warnings: string[]
}

export async function readMetadataBlocks(
  body: AsyncIterable<Buffer>,
  contentType: string | undefined,
  format: MetadataFormat
): Promise<MetadataReadResult> {
  let head = ''
  const teeHead = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of body) {
      if (head.length < 2000) head += chunk.subarray(0, 2000 - head.length).toString('latin1')
      yield chunk
    }
  }
  let blocks: MetadataBlock[]
  let reply: { replyCode?: number; replyText?: string }
  const warnings: string[] = []
  if (format === 'COMPACT') {
    const collector = new CompactMetadataCollector()
    const charset = charsetFromContentType(contentType)
    for await (const events of scanCompact(teeHead(), charset, warnings)) collector.accept(events)
    blocks = collector.blocks
    reply = collector.reply
  } else {
    const collector = new XmlMetadataCollector()
    const res = await streamXml(teeHead(), contentType, collector)
    warnings.push(...res.warnings)
    blocks = collector.blocks
    reply = collector.reply
  }
  const replyCode = reply.replyCode ?? -1
  const replyText = reply.replyText ?? ''
  if (replyCode === -1 && blocks.length === 0) {
    assertRetsReply({ replyCode: -1, replyText: 'The reply is not RETS metadata.', fromStatus: false }, head)
  }
  if (replyCode !== -1) assertRetsReply({ replyCode, replyText, fromStatus: false }, head)
  return { blocks, replyCode, replyText, warnings }
}

/** Buffer convenience (tests, cached raw replies); format sniffed when not given. */
export function readMetadataBuffer(
  body: Buffer,
  contentType?: string,
  format?: MetadataFormat
): Promise<MetadataReadResult> {
  const fmt = format ?? (/<COLUMNS/i.test(body.subarray(0, 65536).toString('latin1')) ? 'COMPACT' : 'STANDARD-XML')
  return readMetadataBlocks(
    (async function* () {
      yield body
    })(),
    contentType,
    fmt
  )
}
