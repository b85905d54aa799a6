// Tillit's app icons, drawn from one description: the SVGs and the PNGs a browser needs to install the app
// (192 and 512 px, a maskable 512 px with a full-bleed background, a 180 px apple-touch-icon).
// `npx tsx scripts/icons.ts` writes them into web/public. No image library: a 4×4-supersampled rasterizer of
// the three shapes the icon has, and a PNG writer on node:zlib, so the same description gives the same pixels.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

type Shape =
  | { kind: 'rect'; rx: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; stroke: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string };

/** A design on a 64 × 64 canvas, painted in order. */
export type Design = Shape[];

const BLUE = '#1d4f91';
const WHITE = '#fff';
const GOLD = '#f2c14e';

/** The "T" with a dot over it, on a rounded square. */
export const standard: Design = [
  { kind: 'rect', rx: 14, fill: BLUE },
  { kind: 'line', x1: 16, y1: 22, x2: 48, y2: 22, width: 7, stroke: WHITE },
  { kind: 'line', x1: 32, y1: 22, x2: 32, y2: 48, width: 7, stroke: WHITE },
  { kind: 'circle', cx: 32, cy: 14, r: 4, fill: GOLD },
];

/** Full bleed, the mark inside the central 80 % circle a platform's mask always keeps. */
export const maskable: Design = [
  { kind: 'rect', rx: 0, fill: BLUE },
  { kind: 'line', x1: 20, y1: 24, x2: 44, y2: 24, width: 6, stroke: WHITE },
  { kind: 'line', x1: 32, y1: 24, x2: 32, y2: 46, width: 6, stroke: WHITE },
  { kind: 'circle', cx: 32, cy: 17, r: 3.5, fill: GOLD },
];

export const ICONS: { file: string; design: Design; size?: number }[] = [
  { file: 'icon.svg', design: standard },
  { file: 'icon-maskable.svg', design: maskable },
  { file: 'icon-192.png', design: standard, size: 192 },
  { file: 'icon-512.png', design: standard, size: 512 },
  { file: 'icon-maskable-512.png', design: maskable, size: 512 },
  // iOS puts its own rounded mask on the icon and shows transparency as black: the full-bleed design.
  { file: 'apple-touch-icon.png', design: maskable, size: 180 },
];

export function svg(design: Design): string {
  const parts = design.map((s) => {
    if (s.kind === 'rect') return `<rect width="64" height="64"${s.rx ? ` rx="${s.rx}"` : ''} fill="${s.fill}"/>`;
    if (s.kind === 'circle') return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
    return null;
  });
  // The two strokes of the T are one path, as an editor would write it.
  const lines = design.filter((s) => s.kind === 'line');
  const d = lines.map((l) => (l.y1 === l.y2 ? `M${l.x1} ${l.y1}h${l.x2 - l.x1}` : `M${l.x1} ${l.y1}v${l.y2 - l.y1}`)).join('');
  const path = lines.length ? `<path d="${d}" stroke="${lines[0]!.stroke}" stroke-width="${lines[0]!.width}" stroke-linecap="round"/>` : '';
  const [first, ...rest] = parts.filter((p): p is string => p !== null);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${first ?? ''}${path}${rest.join('')}</svg>\n`;
}

function inside(s: Shape, x: number, y: number): boolean {
  if (s.kind === 'circle') return (x - s.cx) ** 2 + (y - s.cy) ** 2 <= s.r ** 2;
  if (s.kind === 'line') {
    // A stroke with round caps: every point within half the width of the segment.
    const dx = s.x2 - s.x1;
    const dy = s.y2 - s.y1;
    const t = Math.max(0, Math.min(1, ((x - s.x1) * dx + (y - s.y1) * dy) / (dx * dx + dy * dy)));
    return (x - s.x1 - t * dx) ** 2 + (y - s.y1 - t * dy) ** 2 <= (s.width / 2) ** 2;
  }
  if (x < 0 || y < 0 || x > 64 || y > 64) return false;
  const r = s.rx;
  const cx = Math.min(Math.max(x, r), 64 - r);
  const cy = Math.min(Math.max(y, r), 64 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function rgb(hex: string): [number, number, number] {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

const SAMPLES = 4;

/** The image as PNG scanlines: each row a filter byte (0, none) and RGBA pixels, alpha not premultiplied. */
export function scanlines(design: Design, size: number): Buffer {
  const colours = design.map((s) => rgb(s.kind === 'line' ? s.stroke : s.fill));
  const out = Buffer.alloc(size * (1 + size * 4));
  for (let py = 0; py < size; py++) {
    const row = py * (1 + size * 4);
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) * 64) / size;
          const y = ((py + (sy + 0.5) / SAMPLES) * 64) / size;
          for (let i = design.length - 1; i >= 0; i--) {
            if (!inside(design[i]!, x, y)) continue;
            const c = colours[i]!;
            r += c[0]; g += c[1]; b += c[2]; covered++;
            break;
          }
        }
      }
      const o = row + 1 + px * 4;
      if (covered > 0) {
        out[o] = Math.round(r / covered);
        out[o + 1] = Math.round(g / covered);
        out[o + 2] = Math.round(b / covered);
      }
      out[o + 3] = Math.round((covered * 255) / (SAMPLES * SAMPLES));
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function png(design: Design, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines(design, size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PUBLIC_DIR = path.join(import.meta.dirname, '..', 'web', 'public');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const icon of ICONS) {
    writeFileSync(path.join(PUBLIC_DIR, icon.file), icon.size ? png(icon.design, icon.size) : svg(icon.design));
    console.log(`web/public/${icon.file}`);
  }
}
