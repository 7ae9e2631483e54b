/**
 * The portal over HTTP: the real server (server/main.ts) in a child process on 127.0.0.1,
 * loaded with autocannon for a bounded time per route, its resident memory sampled throughout.
 * https://github.com/mcollina/autocannon#api
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sampleMemory, processMemory } from './memory.js';
import type { WorkDir } from './work-dir.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** How long the portal may take to answer /healthz after starting. */
const START_TIMEOUT_MS = 120_000;
export const CONNECTIONS = 10;

export interface RouteLoad {
  label: string;
  paths: string[];
  requestsPerSecond: number;
  requests: number;
  latencyMs: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Mean size of an answer, headers included (bytes received / requests). */
  bytesPerAnswer?: number;
}

export interface HttpResult {
  seconds: number;
  connections: number;
  routes: RouteLoad[];
  idleRssMb: number | null;
  /** Highest RSS sampled while loaded, and the kernel's peak (VmHWM) at the end. */
  maxRssMb: number;
  peakRssMb: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Portal {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** What `npm run load` adds to the portal process: Node flags, preloaded modules, its output. */
export interface PortalProcessOptions {
  nodeArgs?: string[];
  env?: Record<string, string>;
  onOutput?: (chunk: string) => void;
}

/** Starts `server/main.ts` on 127.0.0.1 over the bench's index and waits until /healthz answers 200. */
export async function startPortal(
  work: Pick<WorkDir, 'dataDir' | 'corpusDir'>,
  options: PortalProcessOptions = {},
): Promise<Portal> {
  const port = await freePort();
  // After tsx, so that preloaded modules may be TypeScript.
  const args = ['--import', 'tsx', ...(options.nodeArgs ?? []), 'server/main.ts'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: work.dataDir,
      CORPUS_DIR: work.corpusDir,
      SEARCH_ENGINE: 'sqlite',
      // The load comes from one address by design: the per-address limit would turn it into 429s.
      RATE_LIMIT_REQUESTS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    options.onOutput?.(chunk.toString());
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${base}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok && child.pid !== undefined) return { base, pid: child.pid, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`the portal did not answer /healthz within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
}

/** Loads `paths` (cycled) on the portal for `seconds`; only loopback addresses are accepted. */
export async function loadRoute(
  base: string,
  label: string,
  paths: string[],
  seconds: number,
): Promise<RouteLoad> {
  if (!LOOPBACK.has(new URL(base).hostname))
    throw new Error(`refusing to load a non-loopback address: ${base}`);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    label,
    paths,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerAnswer: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
}

/** The label of the route that answers JSON of about a search's size without searching. */
export const SAME_SIZE_LABEL = 'GET /api/articles/:id';

export interface HttpPlan {
  /** The trivial route: the HTTP floor. */
  floorPath: string;
  /** `/api/search?q=<rare word>` paths. */
  rarePaths: string[];
  /**
   * `/api/articles/<id>` of articles the rare words find: one row read and a JSON answer of about
   * a search's size, which tells what answering costs apart from searching.
   */
  articlePaths: string[];
  /** One path per query of the mix, with and without the filter. */
  mixedPaths: string[];
  staticPath: string;
}

/** Runs the routes one after another against one portal process, sampling its memory. */
export async function runHttpBench(
  work: WorkDir,
  plan: HttpPlan,
  seconds: number,
  log: (line: string) => void,
): Promise<HttpResult> {
  const portal = await startPortal(work);
  try {
    const idle = processMemory(portal.pid);
    const memory = sampleMemory(portal.pid);
    await loadRoute(portal.base, 'warm-up', [...plan.rarePaths, plan.floorPath], 1);
    const routes: RouteLoad[] = [];
    const steps: [string, string[]][] = [
      ['GET /healthz (HTTP floor)', [plan.floorPath]],
      ['GET /api/search, rare word', plan.rarePaths],
      ...(plan.articlePaths.length > 0
        ? [[`${SAME_SIZE_LABEL} (JSON of the same size, no search)`, plan.articlePaths] as [string, string[]]]
        : []),
      ['GET /assets/style.css (static file)', [plan.staticPath]],
      ['GET /api/search, whole query mix', plan.mixedPaths],
    ];
    for (const [label, paths] of steps) {
      const load = await loadRoute(portal.base, label, paths, seconds);
      log(
        `  ${label}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms`,
      );
      routes.push(load);
    }
    const { maxRssMb, peakRssMb } = memory.stop();
    return { seconds, connections: CONNECTIONS, routes, idleRssMb: idle?.rssMb ?? null, maxRssMb, peakRssMb };
  } finally {
    await portal.stop();
  }
}
