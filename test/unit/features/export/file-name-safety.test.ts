import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  collisionKey,
  resolveInside,
  sanitizeRelativePath,
  sanitizeSegment,
  truncateUtf8,
  withCollisionSuffix
} from '../../../../src-main/features/export/photos/file-name-safety'
import { extensionFor, isTextual } from '../../../../src-main/features/export/photos/content-type-extension'

describe('sanitizeSegment', () => {
  it.each([
    ['..', '_'],
    ['.', '_'],
    ['', '_'],
    ['   ', '_'],
    ['../../x', '_.._.._x'],
    ['a/b\\c', 'a_b_c'],
    ['CON', '_CON'],
    ['con.jpg', '_con.jpg'],
    ['Com1.txt', '_Com1.txt'],
    ['LPT9', '_LPT9'],
    ['COM¹', '_COM¹'],
    ['CONSOLE.jpg', 'CONSOLE.jpg'],
    ['name. . ', 'name'],
    ['.hidden', '_.hidden'],
    ['a\u0000b\u001fc\u007fd\u0085e', 'a_b_c_d_e'],
    ['x<y>z:"w"|?*', 'x_y_z__w____'],
    ['e\u0301', '\u00e9']
  ])('%j → %j', (input, expected) => {
    expect(sanitizeSegment(input)).toBe(expected)
  })

  it('limits bytes, keeps the extension and never splits a character', () => {
    const long = sanitizeSegment(`${'é'.repeat(300)}.jpeg`, 100)
    expect(long.endsWith('.jpeg')).toBe(true)
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(100)
    expect(long).toBe(`${'é'.repeat(47)}.jpeg`)
    expect(truncateUtf8('a😀b', 4)).toBe('a')
    expect(truncateUtf8('a😀b', 5)).toBe('a😀')
  })

  it('any input: a safe, bounded segment that resolves inside the root', () => {
    const root = path.resolve('/tmp/export-root')
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (s) => {
        const seg = sanitizeSegment(s)
        expect(seg).not.toMatch(/[/\\<>:"|?*\u0000-\u001f]/)
        expect(seg === '.' || seg === '..').toBe(false)
        expect(Buffer.byteLength(seg)).toBeLessThanOrEqual(200)
        expect(seg).not.toMatch(/[. ]$/)
        expect(path.dirname(resolveInside(root, [seg]))).toBe(root)
      }),
      { numRuns: 300 }
    )
  })
})

describe('paths', () => {
  it('splits on / only, drops empty segments and sanitises each one', () => {
    expect(sanitizeRelativePath('a//b/../c.jpg')).toEqual(['a', 'b', '_', 'c.jpg'])
    expect(sanitizeRelativePath('/')).toEqual(['_'])
  })

  it('refuses paths that leave the root or are the root', () => {
    expect(() => resolveInside('/tmp/r', ['..', 'x'])).toThrow(/outside the destination/)
    expect(() => resolveInside('/tmp/r', ['/etc/passwd'])).toThrow(/outside/)
    expect(() => resolveInside('/tmp/r', ['.'])).toThrow(/outside/)
    expect(resolveInside('/tmp/r', ['a', 'b.jpg'])).toBe(path.resolve('/tmp/r/a/b.jpg'))
  })

  it('collision suffix before the extension; case-insensitive collision keys', () => {
    expect(withCollisionSuffix('1.jpg', 2)).toBe('1-2.jpg')
    expect(withCollisionSuffix('README', 3)).toBe('README-3')
    expect(collisionKey('A/B.JPG')).toBe(collisionKey('a/b.jpg'))
  })
})

describe('extensions', () => {
  it('from Content-Type, else the URL, else bin', () => {
    expect(extensionFor('image/jpeg')).toBe('jpg')
    expect(extensionFor('Image/PNG; name=x.png')).toBe('png')
    expect(extensionFor('application/octet-stream', 'https://cdn.example/p/1.JPEG?sig=1')).toBe('jpg')
    expect(extensionFor(undefined, 'https://cdn.example/p/1.webp')).toBe('webp')
    expect(extensionFor('application/octet-stream', 'https://cdn.example/p/photo')).toBe('bin')
    expect(isTextual('text/xml')).toBe(true)
    expect(isTextual('image/jpeg')).toBe(false)
  })
})
