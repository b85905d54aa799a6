import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from './precompress';

const dir = mkdtempSync(path.join(tmpdir(), 'tillit-precompress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompress', () => {
  it('writes brotli and gzip beside each text file big enough to gain, each decoding to the file itself', () => {
    mkdirSync(path.join(dir, 'assets'));
    const script = 'export const greeting = "Hei";\n'.repeat(200);
    writeFileSync(path.join(dir, 'assets', 'index-abc.js'), script);
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Tillit</title>');
    writeFileSync(path.join(dir, 'icon-512.png'), Buffer.alloc(5000, 7));
    expect(precompress(dir)).toEqual([path.join(dir, 'assets', 'index-abc.js')]);
    const br = readFileSync(path.join(dir, 'assets', 'index-abc.js.br'));
    const gz = readFileSync(path.join(dir, 'assets', 'index-abc.js.gz'));
    expect(brotliDecompressSync(br).toString()).toBe(script);
    expect(gunzipSync(gz).toString()).toBe(script);
    expect(br.length).toBeLessThan(script.length / 10);
    // Too small to gain, or already compressed: left as they are.
    for (const left of ['index.html', 'icon-512.png']) {
      expect(existsSync(path.join(dir, `${left}.br`))).toBe(false);
      expect(existsSync(path.join(dir, `${left}.gz`))).toBe(false);
    }
  });
});
