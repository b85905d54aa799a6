// Where one kind of request spends its time: a V8 CPU profile of calls made one at a time in this process, its
// samples summed by where the sampled code lives (PostgreSQL compiled to WebAssembly, a package, Node itself,
// Tillit's own code). Time the thread waits (for a PostgreSQL server, for I/O) is "idle".
import { Session } from 'node:inspector/promises';

const PLACES: [string, (url: string, fn: string) => boolean][] = [
  ['PostgreSQL in WebAssembly (PGlite)', (u) => u.startsWith('wasm')],
  ['PGlite JavaScript (protocol, results)', (u) => u.includes('/@electric-sql/pglite/')],
  ['node-postgres (protocol, results)', (u) => /\/node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(u)],
  ['Fastify (routing, hooks, HTTP)', (u) => /\/node_modules\/(fastify|@fastify\/[^/]+|find-my-way|light-my-request|avvio|fast-json-stringify)\//.test(u)],
  ['zod (response contract)', (u) => u.includes('/node_modules/zod/') || u.includes('fastify-type-provider-zod')],
  ['Kysely', (u) => u.includes('/node_modules/kysely/')],
  ['Tillit (server/, shared/)', (u) => /\/(server|shared)\//.test(u) && !u.includes('node_modules')],
  ['Node (buffers, text, streams)', (u) => u.startsWith('node:')],
  ['garbage collection', (_, f) => f === '(garbage collector)'],
  ['idle (waiting)', (_, f) => f === '(idle)'],
  ['V8 and native calls (socket writes to PostgreSQL, hashing, microtasks)', (u) => u === ''],
];

export interface Profile { msPerCall: number; places: Map<string, number> }

/** Runs `run` `calls` times one after another under the profiler; milliseconds per call, in total and by place. */
export async function profileCalls(run: () => Promise<unknown>, calls = 2000): Promise<Profile> {
  for (let i = 0; i < 50; i++) await run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const t = performance.now();
  for (let i = 0; i < calls; i++) await run();
  const elapsed = performance.now() - t;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const sums = new Map<string, number>();
  let total = 0;
  profile.samples!.forEach((id, i) => {
    const frame = nodes.get(id)!;
    const place = PLACES.find(([, is]) => is(frame.url, frame.functionName))?.[0] ?? 'other';
    const dt = profile.timeDeltas![i]!;
    sums.set(place, (sums.get(place) ?? 0) + dt);
    total += dt;
  });
  const msPerCall = elapsed / calls;
  const places = new Map([...sums].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, (v / total) * msPerCall]));
  return { msPerCall, places };
}
