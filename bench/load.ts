/**
 * `npm run load`: the portal process under sustained load for a bounded time (LOAD_USAGE says
 * how), with its memory read after a full GC before and after, written to
 * bench/results/<date>-load-<connections>c-<seconds>s.md. A benchmark, not a test: it fails
 * (exit 1) on errors, non-2xx answers or memory growth, never on speed.
 * https://github.com/mcollina/autocannon#api
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { writeCorpus } from './corpus-generator.js';
import { startPortal, type Portal } from './http-load.js';
import { LOAD_USAGE, parseLoadFlags, type LoadOptions } from './load-flags.js';
import { chooseLoadMix, type LoadRequest } from './load-mix.js';
import { PROBE_PREFIX, type ProbeReading } from './load-probe.js';
import { machineInfo } from './machine.js';
import { processMemory, sampleMemory } from './memory.js';
import { formatCount, formatLikeTheRepo, formatMs } from './report.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Seconds autocannon waits for one answer before counting a timeout. */
const REQUEST_TIMEOUT_S = 10;

const started = Date.now();
const log = (line: string) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stdout.write(`[${seconds} s] ${line}\n`);
};

/** Memory readings of the portal: /proc for the resident set, the probe for the heap after GC. */
interface MemoryReadings {
  beforeGc: ProbeReading;
  maxRssMb: number;
  afterRssMb: number;
  afterGc: ProbeReading;
}

interface LoadResult {
  date: string;
  options: LoadOptions;
  corpus: { kind: LoadOptions['corpus']; articles: number; passages: number };
  mix: LoadRequest[];
  requests: number;
  requestsPerSecond: number;
  throughputMbPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
  memory: MemoryReadings;
}

/** Waits for the probe's next line after asking the portal for it with SIGUSR2. */
class MemoryProbe {
  private buffer = '';
  private waiting: ((reading: ProbeReading) => void)[] = [];

  onOutput = (chunk: string) => {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) !== -1) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (line.startsWith(PROBE_PREFIX))
        this.waiting.shift()?.(JSON.parse(line.slice(PROBE_PREFIX.length)) as ProbeReading);
    }
  };

  read(pid: number): Promise<ProbeReading> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      process.kill(pid, 'SIGUSR2');
    });
  }
}

function prepareCorpus(options: LoadOptions, root: string): string {
  if (options.corpus === 'bundled') return path.join(REPO_ROOT, 'corpus');
  const corpusDir = path.join(root, 'corpus');
  fs.mkdirSync(corpusDir, { recursive: true });
  const written = writeCorpus(path.join(corpusDir, 'corpus.jsonl'), {
    seed: options.seed,
    paragraphs: options.passages,
  });
  log(`generated ${formatCount(written.articles)} articles, ${formatCount(written.paragraphs)} paragraphs`);
  return corpusDir;
}

function runLoad(portal: Portal, mix: LoadRequest[], seconds: number, connections: number) {
  return autocannon({
    url: portal.base,
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_S,
    requests: mix.map(({ path: requestPath, headers }) => ({ method: 'GET', path: requestPath, headers })),
  });
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
}

/** Every way the run can fail; empty when it passed. */
function failures(result: LoadResult): string[] {
  const problems: string[] = [];
  const fiveHundreds = Object.entries(result.statuses)
    .filter(([status]) => status.startsWith('5'))
    .reduce((sum, [, count]) => sum + count, 0);
  if (result.errors > 0) problems.push(`${result.errors} connection errors`);
  if (result.timeouts > 0)
    problems.push(`${result.timeouts} timeouts (no answer within ${REQUEST_TIMEOUT_S} s)`);
  if (fiveHundreds > 0) problems.push(`${fiveHundreds} answers with a 5xx status`);
  if (result.non2xx > 0) problems.push(`${result.non2xx} answers that were not 2xx`);
  const heapGrowth = result.memory.afterGc.heapUsedMb - result.memory.beforeGc.heapUsedMb;
  if (heapGrowth > result.options.maxHeapGrowthMb)
    problems.push(
      `the heap grew by ${heapGrowth.toFixed(1)} MB (limit ${result.options.maxHeapGrowthMb} MB)`,
    );
  const rssGrowth = result.memory.afterGc.rssMb - result.memory.beforeGc.rssMb;
  if (rssGrowth > result.options.maxRssGrowthMb)
    problems.push(
      `the resident set grew by ${rssGrowth.toFixed(1)} MB (limit ${result.options.maxRssGrowthMb} MB)`,
    );
  return problems;
}

const mb = (value: number) => `${value.toFixed(1)} MB`;
const signedMb = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} MB`;

function mixSummary(mix: readonly LoadRequest[]): string {
  const counts = new Map<string, number>();
  for (const request of mix) counts.set(request.kind, (counts.get(request.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${kind} ×${count}`).join(', ');
}

function formatLoadMarkdown(result: LoadResult, problems: readonly string[]): string {
  const { options, memory } = result;
  const machine = machineInfo();
  const statuses = Object.entries(result.statuses)
    .map(([status, count]) => `${status}: ${formatCount(count)}`)
    .join(', ');
  return [
    `# Load: ${options.seconds} s at ${options.connections} connections, ${formatCount(result.corpus.passages)} passages, ${result.date.slice(0, 10)}`,
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}`,
    `- Code: ${machine.git ?? 'unknown'}; Node ${machine.node}, SQLite ${machine.sqlite}, autocannon ${machine.packages['autocannon'] ?? '?'}`,
    `- Corpus: ${result.corpus.kind === 'bundled' ? 'the bundled corpus' : `generated, seed ${options.seed}`}; ${formatCount(result.corpus.articles)} articles, ${formatCount(result.corpus.passages)} passages`,
    `- Portal: \`server/main.ts\` in a child process on 127.0.0.1, embedded engine; **rate limiting off** for this run (\`RATE_LIMIT_REQUESTS=0\`: every request comes from one address); autocannon in the bench process on the same machine`,
    `- Load: ${options.warmupSeconds} s warm-up, then ${options.seconds} s with ${options.connections} connections cycling through ${result.mix.length} requests: ${mixSummary(result.mix)}`,
    '',
    '## Requests',
    '',
    '| requests | req/s (mean) | p50 | p90 | p99 | max | errors | timeouts | non-2xx |',
    '| -------- | ------------ | --- | --- | --- | --- | ------ | -------- | ------- |',
    `| ${formatCount(result.requests)} | ${formatCount(Math.round(result.requestsPerSecond))} | ${formatMs(result.latencyMs.p50)} ms | ${formatMs(result.latencyMs.p90)} ms | ${formatMs(result.latencyMs.p99)} ms | ${formatMs(result.latencyMs.max)} ms | ${result.errors} | ${result.timeouts} | ${result.non2xx} |`,
    '',
    `Statuses: ${statuses || 'none'}. Throughput ${result.throughputMbPerSecond.toFixed(1)} MB/s.`,
    '',
    '## Memory of the portal process',
    '',
    '| when | resident set | heap used | heap total | external |',
    '| ---- | ------------ | --------- | ---------- | -------- |',
    `| before (after the warm-up and a full GC) | ${mb(memory.beforeGc.rssMb)} | ${mb(memory.beforeGc.heapUsedMb)} | ${mb(memory.beforeGc.heapTotalMb)} | ${mb(memory.beforeGc.externalMb)} |`,
    `| during (highest sampled) | ${mb(memory.maxRssMb)} | | | |`,
    `| after (no GC) | ${mb(memory.afterRssMb)} | | | |`,
    `| after a full GC | ${mb(memory.afterGc.rssMb)} | ${mb(memory.afterGc.heapUsedMb)} | ${mb(memory.afterGc.heapTotalMb)} | ${mb(memory.afterGc.externalMb)} |`,
    `| growth (after GC − before) | ${signedMb(memory.afterGc.rssMb - memory.beforeGc.rssMb)} | ${signedMb(memory.afterGc.heapUsedMb - memory.beforeGc.heapUsedMb)} | | |`,
    '',
    `Thresholds: heap growth ≤ ${options.maxHeapGrowthMb} MB, resident-set growth ≤ ${options.maxRssGrowthMb} MB; no error, timeout or non-2xx answer.`,
    '',
    `**${problems.length === 0 ? 'Passed' : `Failed: ${problems.join('; ')}`}.**`,
    '',
  ].join('\n');
}

async function load(options: LoadOptions): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'interference-load-'));
  const probe = new MemoryProbe();
  let portal: Portal | null = null;
  try {
    const corpusDir = prepareCorpus(options, root);
    log('starting the portal (it indexes the corpus first); rate limiting is off for this run');
    portal = await startPortal(
      { dataDir: path.join(root, 'data'), corpusDir },
      { nodeArgs: ['--expose-gc', '--import', './bench/load-probe-preload.ts'], onOutput: probe.onOutput },
    );
    const health = (await (await fetch(`${portal.base}/healthz`)).json()) as {
      articles: number;
      passages: number;
    };
    const mix = await chooseLoadMix(portal.base);
    log(
      `${formatCount(health.passages)} passages indexed; the mix has ${mix.length} requests: ${mixSummary(mix)}`,
    );
    if (options.warmupSeconds > 0) {
      log(`warm-up: ${options.warmupSeconds} s`);
      await runLoad(portal, mix, options.warmupSeconds, options.connections);
    }
    const beforeGc = await probe.read(portal.pid);
    log(`before: RSS ${mb(beforeGc.rssMb)}, heap ${mb(beforeGc.heapUsedMb)} (after GC)`);
    log(`load: ${options.seconds} s at ${options.connections} connections`);
    const sampler = sampleMemory(portal.pid, 250);
    const result = await runLoad(portal, mix, options.seconds, options.connections);
    const { maxRssMb } = sampler.stop();
    const afterRssMb = processMemory(portal.pid)?.rssMb ?? Number.NaN;
    const afterGc = await probe.read(portal.pid);
    const loadResult: LoadResult = {
      date: new Date().toISOString(),
      options,
      corpus: { kind: options.corpus, articles: health.articles, passages: health.passages },
      mix,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      throughputMbPerSecond: result.throughput.average / 1e6,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: result.latency.mean,
      },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statuses: statusCounts(result),
      memory: { beforeGc, maxRssMb, afterRssMb, afterGc },
    };
    const problems = failures(loadResult);
    const file = path.join(
      options.out ?? 'bench/results',
      `${loadResult.date.slice(0, 10)}-load-${options.connections}c-${options.seconds}s.md`,
    );
    const markdown = await formatLikeTheRepo(file, formatLoadMarkdown(loadResult, problems), 'markdown');
    process.stdout.write(`\n${markdown}\n`);
    if (options.out !== null) {
      fs.mkdirSync(options.out, { recursive: true });
      fs.writeFileSync(file, markdown);
      log(`wrote ${file}`);
    }
    return problems.length === 0 ? 0 : 1;
  } finally {
    await portal?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseLoadFlags(argv);
  if (parsed.ok === 'help') {
    process.stdout.write(LOAD_USAGE);
    return 0;
  }
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${LOAD_USAGE}`);
    return 2;
  }
  return load(parsed.options);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
