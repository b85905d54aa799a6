// The built web app, compressed once at build time: @fastify/static (`preCompressed`, server/app.ts) sends the
// brotli or gzip file beside each asset to a browser that takes it. The app's script is about 680 kB as built and
// about a quarter of that with brotli: what a phone on a slow or metered connection downloads on its first visit.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** Text that compresses; images (PNG) already are compressed. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this the headers of a compressed answer weigh as much as what it saves (@fastify/static skips them too). */
const MIN_BYTES = 1024;

/** Writes `<file>.br` and `<file>.gz` beside every compressible file of `dir` of at least MIN_BYTES; the files written. */
export function precompress(dir: string): string[] {
  const written: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (statSync(file).size < MIN_BYTES) continue;
    const content = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    written.push(file);
  }
  return written;
}

/** A Vite plugin that runs precompress on the output directory once the build has written it. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'tillit-precompress',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir; },
    closeBundle() { precompress(outDir); },
  };
}
