/**
 * The bench's results as JSON (everything) and Markdown (the tables a person reads), written to
 * bench/results/<date>-<passages>.json and .md. Formatting is pure and tested.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { SAME_SIZE_LABEL, type HttpResult } from './http-load.js';
import type { MachineInfo } from './machine.js';
import type { FloorBuild } from './peers/fts5-floor.js';
import type { Support } from './peers/query-target.js';
import type { PipelineTimes } from './pipeline.js';
import { QUERY_CLASSES, type QueryMix } from './query-mix.js';
import type { ClassResult } from './query-runner.js';
import type { WorkerResult, WorkerTarget } from './worker-result.js';

export interface BenchResult {
  /** ISO timestamp of the start of the run. */
  date: string;
  machine: MachineInfo;
  corpus: {
    source: 'generated' | 'file';
    seed: number | null;
    file: string | null;
    articles: number;
    passages: number;
    bytes: number;
  };
  settings: { querySeconds: number; httpSeconds: number; queriesPerClass: number };
  pipeline: PipelineTimes;
  floorBuild: FloorBuild;
  queryMix: QueryMix;
  engines: WorkerResult[];
  failures: { target: WorkerTarget; error: string }[];
  http: HttpResult | { error: string };
  durationSeconds: number;
  /** The machine's 1-minute load average as the run went (other work shares the cores). */
  load?: { phase: string; loadAverage: number }[];
  /** Anything a reader of the numbers should know about how this run went. */
  notes?: string[];
}

export interface TargetCheck {
  goal: string;
  measured: string;
  met: boolean;
  /** What the same work costs at its floor, measured in this run, where there is one to compare with. */
  floor: string;
}

/** `2025-01-31-1000000`: the date of the run and the passages indexed. */
export function resultStem(dateIso: string, passages: number): string {
  return `${dateIso.slice(0, 10)}-${passages}`;
}

/** Milliseconds with sensible precision: 0.042, 1.23, 12.3, 1234. */
export function formatMs(ms: number): string {
  if (ms < 1) return ms.toFixed(3);
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** Whole numbers with thousands separators: 1,000,000. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const classLabel = (result: Pick<ClassResult, 'class' | 'filtered'>) =>
  `${result.class}${result.filtered ? ' + filter' : ''}`;

function supportMark(support: Support): string {
  return support.kind === 'native' ? '' : support.kind === 'approximated' ? ' ≈' : ' (n/a)';
}

function findClass(engine: WorkerResult, label: string): ClassResult | undefined {
  return engine.classes.find((result) => classLabel(result) === label);
}

function rowLabels(engines: readonly WorkerResult[]): string[] {
  const labels: string[] = [];
  for (const filtered of [false, true]) {
    for (const queryClass of QUERY_CLASSES) {
      const label = classLabel({ class: queryClass, filtered });
      if (engines.some((engine) => findClass(engine, label))) labels.push(label);
    }
  }
  return labels;
}

/** Below this many timed runs a latency cell says how many there were. */
export const FEW_RUNS = 20;

/** Latency table: one row per class (and filtered class), one column per engine, p50 / p95 / p99. */
export function latencyTable(engines: readonly WorkerResult[]): string {
  const rows = rowLabels(engines).map((label) => [
    label,
    ...engines.map((engine) => {
      const result = findClass(engine, label);
      if (!result) return '—';
      const { p50, p95, p99, runs } = result.latency;
      // Few runs make p95 and p99 the slowest run or close to it: say how many there were.
      const few = runs < FEW_RUNS ? ` (${runs} runs)` : '';
      return `${formatMs(p50)} / ${formatMs(p95)} / ${formatMs(p99)}${few}${supportMark(result.support)}`;
    }),
  ]);
  return table(['query class', ...engines.map(engineTitle)], rows);
}

/** An engine's column title; a worker stopped before the end says so. */
function engineTitle(engine: WorkerResult): string {
  return engine.complete ? engine.name : `${engine.name} (stopped early)`;
}

/** Hits per class: what each engine found (articles for ours, passages for the others). */
export function hitsTable(engines: readonly WorkerResult[]): string {
  const rows = rowLabels(engines).map((label) => [
    label,
    ...engines.map((engine) => {
      const hits = findClass(engine, label)?.hits ?? [];
      if (hits.length === 0) return '—';
      const low = Math.min(...hits);
      const high = Math.max(...hits);
      return low === high ? formatCount(low) : `${formatCount(low)}–${formatCount(high)}`;
    }),
  ]);
  return table(['query class', ...engines.map((engine) => `${engineTitle(engine)} (${engine.unit}s)`)], rows);
}

function isHttpResult(http: BenchResult['http']): http is HttpResult {
  return !('error' in http);
}

/** The phase-2 targets, checked against this run's numbers. */
export function checkTargets(result: BenchResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ours = result.engines.find((engine) => engine.target === 'engine');
  if (ours && ours.classes.length > 0) {
    const worst = ours.classes.reduce((a, b) => (b.latency.p95 > a.latency.p95 ? b : a));
    const expanded = result.engines.find((engine) => engine.target === 'floor-expanded');
    const floorOfWorst = expanded ? findClass(expanded, classLabel(worst)) : undefined;
    checks.push({
      goal: 'p95 ≤ 50 ms for every query class (facets and highlights included)',
      measured: `worst: ${classLabel(worst)} at ${formatMs(worst.latency.p95)} ms`,
      met: worst.latency.p95 <= 50,
      floor: floorOfWorst
        ? `FTS5 count(*) of the same expanded MATCH: ${formatMs(floorOfWorst.latency.p95)} ms`
        : '',
    });
    for (const peerTarget of ['orama', 'minisearch'] as const) {
      const peer = result.engines.find((engine) => engine.target === peerTarget);
      if (!peer) continue;
      const slower = ours.classes.filter((mine) => {
        const theirs = findClass(peer, classLabel(mine));
        return theirs !== undefined && theirs.latency.p95 <= mine.latency.p95;
      });
      checks.push({
        goal: `faster than ${peer.name} on every query class (p95)`,
        measured: slower.length === 0 ? 'faster on all' : `slower on ${slower.map(classLabel).join(', ')}`,
        met: slower.length === 0,
        floor: slower
          .map((mine) => {
            const theirs = findClass(peer, classLabel(mine));
            return `${classLabel(mine)}: ${formatMs(mine.latency.p95)} vs ${formatMs(theirs?.latency.p95 ?? 0)} ms`;
          })
          .join('; '),
      });
    }
  }
  if (isHttpResult(result.http)) {
    const floor = result.http.routes.find((route) => route.label.includes('HTTP floor'));
    const rare = result.http.routes.find((route) => route.label.includes('rare word'));
    const sameSize = result.http.routes.find((route) => route.label.includes(SAME_SIZE_LABEL));
    if (floor && rare && floor.requestsPerSecond > 0) {
      const share = rare.requestsPerSecond / floor.requestsPerSecond;
      checks.push({
        goal: '/api/search on a rare word ≥ 50% of the trivial route’s requests/s',
        measured: `${(share * 100).toFixed(0)}% (${formatCount(rare.requestsPerSecond)} vs ${formatCount(floor.requestsPerSecond)} req/s)`,
        met: share >= 0.5,
        floor: sameSize
          ? `a JSON answer of about the same size, without a search (${SAME_SIZE_LABEL}): ` +
            `${((sameSize.requestsPerSecond / floor.requestsPerSecond) * 100).toFixed(0)}%`
          : '',
      });
    }
    checks.push({
      goal: 'RSS while serving ≤ 500 MB',
      measured: `${formatCount(result.http.peakRssMb)} MB peak`,
      met: result.http.peakRssMb <= 500,
      floor: '',
    });
  }
  const { pipeline, floorBuild } = result;
  const loadRate = (pipeline.passages * 1000) / Math.max(1, pipeline.loadMs);
  const sequential = 1 / (1 / loadRate + 1 / Math.max(1, floorBuild.insertPerSecond));
  checks.push({
    goal: 'full-pipeline indexing ≥ 10k passages/s',
    measured: `${formatCount(pipeline.passagesPerSecond)} passages/s`,
    met: pipeline.passagesPerSecond >= 10_000,
    floor:
      `reading and extraction alone ${formatCount(loadRate)}/s, a bare FTS5 insert alone ` +
      `${formatCount(floorBuild.insertPerSecond)}/s: one after the other at most ${formatCount(sequential)}/s`,
  });
  return checks;
}

function supportNotes(engines: readonly WorkerResult[]): string[] {
  return engines.flatMap((engine) =>
    QUERY_CLASSES.flatMap((queryClass) => {
      const support = engine.support[queryClass];
      if (support.kind === 'native') return [];
      const how = support.kind === 'approximated' ? `≈ approximated: ${support.how}` : `n/a: ${support.why}`;
      return [`- ${engine.name}, ${queryClass}: ${how}`];
    }),
  );
}

function httpSection(http: BenchResult['http']): string[] {
  if (!isHttpResult(http)) return ['## HTTP', '', `Not measured: ${http.error}`, ''];
  const rows = http.routes.map((route) => [
    route.label,
    formatCount(route.requestsPerSecond),
    formatMs(route.latencyMs.p50),
    formatMs(route.latencyMs.p97_5),
    formatMs(route.latencyMs.p99),
    formatCount(route.requests),
    `${route.errors + route.timeouts + route.non2xx}`,
    route.bytesPerAnswer === undefined ? '?' : formatCount(route.bytesPerAnswer),
  ]);
  return [
    '## HTTP (autocannon on 127.0.0.1)',
    '',
    `The portal (\`server/main.ts\`) in a child process; ${http.connections} connections, ${http.seconds} s per route, ` +
      'routes one after another in the same process. The HTTP floor is `GET /healthz` (a small JSON answer through the same middleware).',
    '',
    table(['route', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'requests', 'errors', 'bytes per answer'], rows),
    '',
    `Portal RSS: ${http.idleRssMb === null ? '?' : formatCount(http.idleRssMb)} MB idle after start, ` +
      `${formatCount(http.maxRssMb)} MB highest sample under load, ${formatCount(http.peakRssMb)} MB peak (VmHWM).`,
    '',
  ];
}

/** How busy the machine was: the bench itself keeps about one core busy. */
function loadLine(result: BenchResult, cores: number): string[] {
  if (!result.load || result.load.length === 0) return [];
  const highest = Math.max(...result.load.map((sample) => sample.loadAverage));
  return [
    `- Load average (1 min): ${result.load.map((sample) => `${sample.phase} ${sample.loadAverage.toFixed(1)}`).join(', ')} ` +
      `on ${cores} cores${highest > cores ? ': other work shared the machine, so times are higher than on an idle one' : ''}`,
  ];
}

/** The Markdown report. */
export function formatMarkdown(result: BenchResult): string {
  const { machine, corpus, pipeline, floorBuild } = result;
  const peers = result.engines.filter((engine) => engine.indexing !== null);
  const lines = [
    `# Bench: ${formatCount(corpus.passages)} passages, ${result.date.slice(0, 10)}`,
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}`,
    `- Code: ${machine.git ?? 'unknown'}; Node ${machine.node}, SQLite ${machine.sqlite}; ${Object.entries(
      machine.packages,
    )
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    `- Corpus: ${corpus.source === 'generated' ? `generated, seed ${corpus.seed}` : corpus.file}; ` +
      `${formatCount(corpus.articles)} articles, ${formatCount(corpus.passages)} passages, ${(corpus.bytes / 1e6).toFixed(1)} MB of JSONL`,
    `- Run: ${result.date}, ${formatCount(result.durationSeconds)} s in all; queries timed for up to ` +
      `${result.settings.querySeconds} s per class and engine (after one warm-up run per query), ` +
      `${result.settings.queriesPerClass} queries per class, cycled`,
    '',
    ...(machine.changedPaths && machine.changedPaths.length > 0
      ? [
          `- The work tree differed from that commit in: ${machine.changedPaths.map((file) => `\`${file}\``).join(', ')}`,
        ]
      : []),
    ...loadLine(result, machine.cores),
    '',
    '## Targets for phase 2',
    '',
    table(
      ['goal', 'measured', 'met', 'floor measured in this run'],
      checkTargets(result).map((check) => [
        check.goal,
        check.measured,
        check.met ? 'yes' : '**no**',
        check.floor || '–',
      ]),
    ),
    '',
    '## Indexing',
    '',
    table(
      ['what', 'time', 'passages/s'],
      [
        [
          'whole pipeline (read → clean → split → extract → SQLite engine)',
          `${formatMs(pipeline.totalMs / 1000)} s`,
          formatCount(pipeline.passagesPerSecond),
        ],
        [
          '… of which read → clean → split → extract (with the extraction cache and build report)',
          `${formatMs(pipeline.loadMs / 1000)} s`,
          formatCount((pipeline.passages * 1000) / Math.max(1, pipeline.loadMs)),
        ],
        [
          '… of which engine `add` (rows, words of each passage for the term index)',
          `${formatMs(pipeline.addMs / 1000)} s`,
          formatCount((pipeline.passages * 1000) / Math.max(1, pipeline.addMs)),
        ],
        [
          '… of which engine `commit` (term index, FTS5 rebuild + optimize, vocab, indexes)',
          `${formatMs(pipeline.commitMs / 1000)} s`,
          formatCount((pipeline.passages * 1000) / Math.max(1, pipeline.commitMs)),
        ],
        [
          'floor: raw INSERT into a bare FTS5 table',
          `${formatMs(floorBuild.insertMs / 1000)} s`,
          formatCount(floorBuild.insertPerSecond),
        ],
        [
          'floor: raw INSERT + optimize',
          `${formatMs((floorBuild.insertMs + floorBuild.optimizeMs) / 1000)} s`,
          formatCount(floorBuild.insertOptimizePerSecond),
        ],
        ...peers.map((peer) => [
          `${peer.name}: insert every passage in memory`,
          `${formatMs((peer.indexing?.ms ?? 0) / 1000)} s`,
          formatCount(peer.indexing?.perSecond ?? 0),
        ]),
      ],
    ),
    '',
    `Pipeline peak RSS: ${pipeline.peakRssMb === null ? '?' : `${formatCount(pipeline.peakRssMb)} MB`}` +
      (pipeline.rejected > 0 ? `; ${pipeline.rejected} articles rejected` : '') +
      `. Peak RSS of each query process: ${result.engines.map((engine) => `${engine.name} ${engine.peakRssMb === null ? '?' : formatCount(engine.peakRssMb)} MB`).join(', ')}.`,
    '',
    '## Queries in-process: p50 / p95 / p99 ms',
    '',
    latencyTable(result.engines),
    '',
    '≈ approximated, (n/a) not supported (see below). What each engine does per search:',
    '',
    ...result.engines.map((engine) => `- ${engine.name}: ${engine.extras}`),
    ...supportNotes(result.engines),
    '',
    `The filter: ${result.queryMix.filter === null ? 'none (the corpus has no accused country or no dates)' : `country = ${result.queryMix.filter.country}, published ${result.queryMix.filter.from} to ${result.queryMix.filter.to}`}.`,
    '',
    '### Hits per query (min–max over the queries of a class)',
    '',
    hitsTable(result.engines),
    '',
    '### The queries',
    '',
    table(
      ['class', 'queries as typed'],
      QUERY_CLASSES.map((queryClass) => [
        queryClass,
        result.queryMix.classes[queryClass].map((query) => `\`${query.q}\``).join(', '),
      ]),
    ),
    '',
    ...httpSection(result.http),
    ...(result.failures.length > 0
      ? ['## Failures', '', ...result.failures.map((failure) => `- ${failure.target}: ${failure.error}`), '']
      : []),
    ...(result.notes && result.notes.length > 0
      ? ['## Notes', '', ...result.notes.map((note) => `- ${note}`), '']
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** `text` formatted by Prettier with the repository's settings for `file`, so that `prettier --check .` passes on it. */
export async function formatLikeTheRepo(
  file: string,
  text: string,
  parser: 'json' | 'markdown',
): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, parser });
}

/** Writes `<stem>.json` and `<stem>.md` into `dir`, formatted like the repository; returns their paths. */
export async function writeResults(
  dir: string,
  result: BenchResult,
): Promise<{ json: string; markdown: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const stem = path.join(dir, resultStem(result.date, result.corpus.passages));
  const files = { json: `${stem}.json`, markdown: `${stem}.md` };
  fs.writeFileSync(files.json, await formatLikeTheRepo(files.json, JSON.stringify(result), 'json'));
  fs.writeFileSync(
    files.markdown,
    await formatLikeTheRepo(files.markdown, formatMarkdown(result), 'markdown'),
  );
  return files;
}
