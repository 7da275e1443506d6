import { describe, expect, it } from 'vitest'
import { prettyXml } from '../../../src-renderer/features/raw/pretty-xml'
import { prettyJson } from '../../../src-renderer/features/raw/pretty-json'
import { base64ToBytes, hexDump } from '../../../src-renderer/features/raw/hex-dump'
import { bodyLanguage, prettyBody } from '../../../src-renderer/features/raw/body-kind'

describe('raw view pretty printers', () => {
  it('indents RETS XML and keeps text-only elements on one line', () => {
    const xml =
      '<?xml version="1.0"?><RETS ReplyCode="0" ReplyText="a > b"><COUNT Records="2"/><DELIMITER value="09"/><COLUMNS>\tA\tB\t</COLUMNS><DATA>\t1\t2\t</DATA><!-- c --><X></X></RETS>'
    expect(prettyXml(xml)).toBe(
      [
        '<?xml version="1.0"?>',
        '<RETS ReplyCode="0" ReplyText="a > b">',
        '  <COUNT Records="2"/>',
        '  <DELIMITER value="09"/>',
        '  <COLUMNS>\tA\tB\t</COLUMNS>',
        '  <DATA>\t1\t2\t</DATA>',
        '  <!-- c -->',
        '  <X></X>',
        '</RETS>'
      ].join('\n')
    )
  })

  it('survives malformed and truncated XML', () => {
    expect(prettyXml('<a><b>x & y</b><c attr="1"')).toBe('<a>\n  <b>x & y</b>\n  <c attr="1"')
    expect(prettyXml('<a><![CDATA[<not a tag>]]></a>')).toBe('<a><![CDATA[<not a tag>]]></a>')
  })

  it('indents JSON without losing big numbers or string contents', () => {
    const json =
      '{"D":{"Success":true,"Results":[{"Id":20200101123456789012,"Name":"a, b: {c}","Esc":"q\\"x"}],"Empty":[],"O":{}}}'
    expect(prettyJson(json)).toBe(
      [
        '{',
        '  "D": {',
        '    "Success": true,',
        '    "Results": [',
        '      {',
        '        "Id": 20200101123456789012,',
        '        "Name": "a, b: {c}",',
        '        "Esc": "q\\"x"',
        '      }',
        '    ],',
        '    "Empty": [],',
        '    "O": {}',
        '  }',
        '}'
      ].join('\n')
    )
  })

  it('picks the formatter from Content-Type, then by sniffing', () => {
    expect(bodyLanguage('application/json; charset=utf-8', '<x/>')).toBe('json')
    expect(bodyLanguage('text/plain', '  <RETS/>')).toBe('xml')
    expect(bodyLanguage(undefined, '[1]')).toBe('json')
    expect(bodyLanguage('text/plain', 'hello')).toBe('plaintext')
    expect(prettyBody('[1,2]', 'json')).toBe('[\n  1,\n  2\n]')
    expect(prettyBody('a,b', 'plaintext')).toBe('a,b')
  })

  it('renders a hex dump with offsets continuing from the slice start', () => {
    const bytes = base64ToBytes(btoa('\xff\xd8\xff\xe0JFIF\x00\x01 hello world!'))
    expect(bytes.length).toBe(23)
    expect(hexDump(bytes, 0x100)).toBe(
      '00000100  ff d8 ff e0 4a 46 49 46  00 01 20 68 65 6c 6c 6f  |....JFIF.. hello|\n' +
        '00000110  20 77 6f 72 6c 64 21                              | world!|'
    )
  })
})
