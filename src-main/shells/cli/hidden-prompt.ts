// A prompt whose input is not echoed, for typing a secret at a terminal (`mlswb secrets set` without a pipe).
// Raw mode lets us read key by key: Enter ends, Backspace deletes, Ctrl+C aborts with nothing stored.
export function readHiddenLine(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WritableStream,
  prompt: string
): Promise<string> {
  stderr.write(prompt)
  return new Promise((resolve, reject) => {
    let value = ''
    const done = (err?: Error): void => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      stderr.write('\n')
      if (err) reject(err)
      else resolve(value)
    }
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}
