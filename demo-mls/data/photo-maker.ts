// Real, decodable JPEGs for GetObject / MediaURL: a gradient with a house-ish block whose colours and position
// vary per listing and photo, so a client that mixes up parts or object ids gets visibly different bytes.
import { mulberry32, streamSeed } from './prng'
import type { ImageType } from './types'
import { encodeJpeg } from './jpeg-writer'

const SIZES: Record<ImageType, [number, number]> = { Photo: [160, 120], HiRes: [320, 240] }
const CACHE_LIMIT = 256

const cache = new Map<string, Buffer>()
// One RGBA scratch image per size, overwritten by every render: a photo reply renders hundreds of photos, and a
// fresh 300 KB buffer each would pile up as external memory between garbage collections.
const scratch = new Map<ImageType, Buffer>()

/** Listings whose last photo is missing on purpose (every 500th, starting at index 1) → 20403 parts. */
export function isPhotoWithheld(listingIndex: number, order: number, photosCount: number): boolean {
  return listingIndex % 500 === 1 && order === photosCount && photosCount > 1
}

export function renderPhoto(seed: number, listingKey: string, order: number, type: ImageType): Buffer {
  const cacheKey = `${seed}:${listingKey}:${order}:${type}`
  const hit = cache.get(cacheKey)
  if (hit) return hit
  const [w, h] = SIZES[type]
  const rng = mulberry32(streamSeed(seed, Number(listingKey) || listingKey.length, `photo:${listingKey}:${order}`))
  const sky = [80 + rng() * 120, 120 + rng() * 100, 180 + rng() * 75]
  const ground = [40 + rng() * 80, 100 + rng() * 100, 30 + rng() * 60]
  const house = [120 + rng() * 135, 40 + rng() * 120, 40 + rng() * 120]
  const bx = Math.floor(w * (0.15 + rng() * 0.4))
  const bw = Math.floor(w * 0.3)
  const by = Math.floor(h * 0.4)
  const bh = Math.floor(h * 0.35)
  let data = scratch.get(type)
  if (!data) {
    data = Buffer.alloc(w * h * 4)
    scratch.set(type, data)
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inHouse = x >= bx && x < bx + bw && y >= by && y < by + bh
      const inRoof = y < by && y >= by - bw / 2 && Math.abs(x - (bx + bw / 2)) < y - (by - bw / 2)
      const base = inHouse || inRoof ? house : y < h * 0.65 ? sky : ground
      const shade = inRoof ? 0.7 : 1 - (y / h) * 0.3
      const i = (y * w + x) * 4
      data[i] = Math.min(255, (base[0] ?? 0) * shade)
      data[i + 1] = Math.min(255, (base[1] ?? 0) * shade)
      data[i + 2] = Math.min(255, (base[2] ?? 0) * shade)
      data[i + 3] = 255
    }
  }
  const bytes = encodeJpeg(data, w, h, 75)
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  cache.set(cacheKey, bytes)
  return bytes
}
