// A small load client for bursts of different requests (each with its own session, path and body), which
// autocannon's single request template does not give: every planned request is sent once, `connections` at a
// time over keep-alive sockets, and its latency is kept, so p99 is exact and can be told per kind of request.
// It runs in a worker thread, so the client's own work does not sit in the server's event loop and inflate
// the latencies it measures.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface PlannedRequest {
  /** Groups the figures, e.g. 'POST /api/absence/reports'. */
  label: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LatencyStats {
  label: string;
  count: number;
  /** Answers that were not 2xx, and requests that got no answer. */
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  connections: number;
  durationMs: number;
  requestsPerSecond: number;
  all: LatencyStats;
  byLabel: LatencyStats[];
  /** Status (or error) counts of the failures, and a few bodies to see why. */
  failures: Record<string, number>;
  failureSamples: string[];
}

interface Job { base: string; requests: PlannedRequest[]; connections: number }
interface Outcome { latency: number; failure: string | null }

/** Sends every planned request once, `connections` at a time, and measures each. */
export function runLoad(base: string, requests: PlannedRequest[], connections: number): Promise<LoadResult> {
  // Node 20 does not give a worker the --import hooks of its parent: register tsx in the worker first.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const self = JSON.stringify(import.meta.url);
  const worker = new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${self}); })`, {
    eval: true, workerData: { base, requests, connections } satisfies Job,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => { resolve(result); void worker.terminate(); });
    worker.once('error', reject);
  });
}

const percentile = (sorted: Float64Array, p: number): number => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);

function stats(label: string, outcomes: Outcome[]): LatencyStats {
  const sorted = Float64Array.from(outcomes, (o) => o.latency).sort();
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    label, count: outcomes.length, errors: outcomes.filter((o) => o.failure !== null).length,
    p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1) ?? 0),
  };
}

function send(agent: http.Agent, base: URL, r: PlannedRequest, samples: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    const headers = { ...r.headers, ...(r.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)) }) };
    const req = http.request({ agent, host: base.hostname, port: base.port, method: r.method, path: r.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(null);
        if (samples.length < 5) samples.push(`${status} ${r.method} ${r.path}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`);
        resolve(String(status));
      });
      res.on('error', (err) => resolve(err.message));
    });
    req.on('error', (err) => {
      if (samples.length < 5) samples.push(`${r.method} ${r.path}: ${err.message}`);
      resolve(err.message);
    });
    req.end(r.body);
  });
}

async function work({ base, requests, connections }: Job): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const outcomes: Outcome[] = new Array<Outcome>(requests.length);
  const samples: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const t0 = performance.now();
      const failure = await send(agent, url, requests[i]!, samples);
      outcomes[i] = { latency: performance.now() - t0, failure };
    }
  }));
  const durationMs = performance.now() - started;
  agent.destroy();
  const labels = [...new Set(requests.map((r) => r.label))];
  const failures: Record<string, number> = {};
  for (const o of outcomes) if (o.failure !== null) failures[o.failure] = (failures[o.failure] ?? 0) + 1;
  return {
    connections, durationMs, requestsPerSecond: Math.round(requests.length / (durationMs / 1000)),
    all: stats('all', outcomes),
    byLabel: labels.map((l) => stats(l, outcomes.filter((_, i) => requests[i]!.label === l))),
    failures, failureSamples: samples,
  };
}

if (!isMainThread && parentPort && (workerData as Partial<Job> | null)?.requests) {
  const port = parentPort;
  void work(workerData as Job).then((result) => port.postMessage(result));
}
