/**
 * Writes the app icons (app/apple-icon.png, public/icon-192.png, public/icon-512.png) from the same drawing as
 * app/icon.svg: an "M" in white on the brand green, rounded corners. No image library: a tiny rasteriser
 * (distance to the stroke's segments, 4×4 supersampling) and a PNG encoder on node:zlib.
 * Run: npx tsx scripts/make-icons.ts (the files are committed; run again only after changing the drawing).
 */
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const BRAND = [0x4f, 0x5d, 0x3a] as const
const WHITE = [0xff, 0xff, 0xff] as const
// In a 64-unit box, like app/icon.svg.
const STROKE: [number, number][] = [
  [18, 46],
  [18, 19],
  [32, 36],
  [46, 19],
  [46, 46],
]
const STROKE_WIDTH = 7
const RADIUS = 14

function distToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

function insideRounded(x: number, y: number, rounded: boolean) {
  if (!rounded) return true
  const cx = Math.min(Math.max(x, RADIUS), 64 - RADIUS)
  const cy = Math.min(Math.max(y, RADIUS), 64 - RADIUS)
  return Math.hypot(x - cx, y - cy) <= RADIUS
}

function draw(size: number, rounded: boolean): Buffer {
  const rows: Buffer[] = []
  const n = 4
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let x = 0; x < size; x++) {
      let bg = 0
      let fg = 0
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const ux = ((x + (sx + 0.5) / n) / size) * 64
          const uy = ((y + (sy + 0.5) / n) / size) * 64
          if (!insideRounded(ux, uy, rounded)) continue
          bg++
          const d = Math.min(...STROKE.slice(1).map((b, i) => distToSegment(ux, uy, STROKE[i]!, b)))
          if (d <= STROKE_WIDTH / 2) fg++
        }
      const total = n * n
      const alpha = bg / total
      const f = bg === 0 ? 0 : fg / bg
      const o = 1 + x * 4
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(BRAND[c]! * (1 - f) + WHITE[c]! * f)
      row[o + 3] = Math.round(alpha * 255)
    }
    rows.push(row)
  }
  return png(size, Buffer.concat(rows))
}

const crcTable = Array.from({ length: 256 }, (_, k) => {
  let c = k
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf: Buffer) {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(size: number, raw: Buffer) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Apple rounds the corners itself: a full square there. The manifest icons are "any" (rounded, transparent).
writeFileSync('app/apple-icon.png', draw(180, false))
writeFileSync('public/icon-192.png', draw(192, true))
writeFileSync('public/icon-512.png', draw(512, true))
