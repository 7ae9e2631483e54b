/**
 * `npm run bench`: the whole benchmark, one step after another (see BENCH_USAGE). Each engine's
 * queries run in a worker process of its own; the portal runs as a child process on 127.0.0.1.
 * Every loop is bounded in count and time; results go to bench/results/<date>-<passages>.md/.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus-generator.js';
import { exportPassages } from './corpus-stats.js';
import { FUNCTION_WORDS } from './corpus-vocabulary.js';
import { BENCH_USAGE, parseBenchFlags, type BenchOptions } from './flags.js';
import { runHttpBench, type HttpPlan } from './http-load.js';
import { machineInfo } from './machine.js';
import { buildFloor } from './peers/fts5-floor.js';
import { runPipeline } from './pipeline.js';
import { chooseQueryMix, QUERY_CLASSES, type QueryMix } from './query-mix.js';
import { formatMarkdown, writeResults, type BenchResult } from './report.js';
import { workDir, type WorkDir } from './work-dir.js';
import { tokenize } from '../engine/text.js';
import type { Article } from '../engine/types.js';
import type { WorkerResult, WorkerTarget } from './worker-result.js';
import { messageOf } from '../engine/errors.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUERIES_PER_CLASS = 5;
/** Heap for the worker processes: the in-memory peers hold every passage. */
const WORKER_HEAP_MB = 16_384;

const started = Date.now();
const log = (line: string) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(5);
  process.stdout.write(`[${seconds} s] ${line}\n`);
};

/** Puts the corpus file into the work directory (a hard link when possible: the pipeline skips symlinks). */
function placeCorpus(options: BenchOptions, work: WorkDir): { bytes: number; source: 'generated' | 'file' } {
  fs.mkdirSync(work.corpusDir, { recursive: true });
  if (options.corpus !== null) {
    const source = path.resolve(options.corpus);
    if (!fs.statSync(source, { throwIfNoEntry: false })?.isFile())
      throw new Error(`--corpus: no such file: ${source}`);
    try {
      fs.linkSync(source, work.corpusFile);
    } catch {
      fs.copyFileSync(source, work.corpusFile);
    }
    return { bytes: fs.statSync(work.corpusFile).size, source: 'file' };
  }
  const written = writeCorpus(work.corpusFile, { seed: options.seed, paragraphs: options.passages });
  log(
    `generated ${written.articles} articles, ${written.paragraphs} paragraphs (${(written.bytes / 1e6).toFixed(1)} MB)`,
  );
  return { bytes: written.bytes, source: 'generated' };
}

/** Most time a worker may take: the in-memory peers index every passage first. */
function workerTimeoutMs(target: WorkerTarget, passages: number, querySeconds: number): number {
  const queryPart = querySeconds * 1000 * 4 * QUERY_CLASSES.length * 2 + 120_000;
  return target === 'orama' || target === 'minisearch' ? queryPart + passages * 3 : queryPart;
}

/** Runs one worker; a worker that failed or ran out of time still gives the classes it finished. */
async function runWorker(
  target: WorkerTarget,
  work: WorkDir,
  options: BenchOptions,
  passages: number,
): Promise<{ result: WorkerResult | null; error: string | null }> {
  const out = path.join(work.root, `worker-${target}.json`);
  const timeoutMs = workerTimeoutMs(target, passages, options.querySeconds);
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${WORKER_HEAP_MB}`,
      '--import',
      'tsx',
      'bench/query-worker.ts',
      target,
      work.root,
      String(options.querySeconds),
      out,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'pipe'] },
  );
  let errorTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    errorTail = (errorTail + text).slice(-2000);
    for (const line of text.split('\n')) if (line.trim() !== '') log(line.trim());
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  const result = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as WorkerResult) : null;
  if (code !== 0 || result === null || !result.complete) {
    const why =
      code === null
        ? `stopped after ${Math.round(timeoutMs / 1000)} s at most (time limit) or by a signal`
        : `exit ${code}`;
    const error = `${why}: ${errorTail.trim().split('\n').slice(-3).join(' / ')}`;
    return { result: result && result.classes.length > 0 ? result : null, error };
  }
  return { result, error: null };
}

/** Up to five articles a rare word of the mix finds: their JSON is about as big as a search's. */
function rareArticles(articles: readonly Article[], mix: QueryMix): string[] {
  const rare = new Set(mix.classes.rare.flatMap((query) => tokenize(query.q)));
  const found: string[] = [];
  // Stops at the fifth: tokenizing every passage of a million-passage corpus would take seconds.
  for (const article of articles) {
    if (found.length === 5) break;
    if (article.passages.some((passage) => tokenize(passage.text).some((t) => rare.has(t))))
      found.push(article.id);
  }
  return found;
}

function httpPlan(mix: QueryMix, articleIds: readonly string[]): HttpPlan {
  const searchPath = (q: string, filtered: boolean) => {
    const params = new URLSearchParams({ q });
    if (filtered && mix.filter) {
      params.append('country', mix.filter.country);
      params.append('from', mix.filter.from);
      params.append('to', mix.filter.to);
    }
    return `/api/search?${params.toString()}`;
  };
  const all = QUERY_CLASSES.flatMap((queryClass) => mix.classes[queryClass]);
  return {
    floorPath: '/healthz',
    rarePaths: mix.classes.rare.map((query) => searchPath(query.q, false)),
    articlePaths: articleIds.map((id) => `/api/articles/${encodeURIComponent(id)}`),
    mixedPaths: [
      ...all.map((query) => searchPath(query.q, false)),
      ...all.map((query) => searchPath(query.q, true)),
    ],
    staticPath: '/assets/style.css',
  };
}

async function bench(options: BenchOptions): Promise<void> {
  const date = new Date().toISOString();
  const load: BenchResult['load'] = [];
  const sampleLoad = (phase: string) => load.push({ phase, loadAverage: os.loadavg()[0] ?? 0 });
  sampleLoad('start');
  const work = workDir(fs.mkdtempSync(path.join(os.tmpdir(), 'interference-bench-')));
  log(`work directory ${work.root}`);
  try {
    const corpus = placeCorpus(options, work);
    log('indexing through the whole pipeline (updateIndex: read → clean → split → extract → SQLite engine)');
    const indexed = await runPipeline(work.corpusDir, work.dataDir, log);
    const pipeline = indexed.times;
    log(
      `pipeline: ${pipeline.passages} passages in ${(pipeline.totalMs / 1000).toFixed(1)} s = ${pipeline.passagesPerSecond.toFixed(0)} passages/s`,
    );
    sampleLoad('after indexing');
    const stats = exportPassages(indexed.articles, work.passagesFile, new Set(FUNCTION_WORDS));
    const mix = chooseQueryMix(stats, QUERIES_PER_CLASS, new Set(FUNCTION_WORDS));
    const articleIds = rareArticles(indexed.articles, mix);
    indexed.articles = []; // a million passages of heap, no longer needed
    fs.writeFileSync(work.queriesFile, JSON.stringify(mix, null, 2));
    log(
      `query mix: ${QUERY_CLASSES.map((c) => `${c}: ${mix.classes[c].map((q) => q.q).join(' | ')}`).join('; ')}`,
    );
    const floorBuild = await buildFloor(work.floorFile, work.passagesFile, mix.filter);
    log(
      `floor: raw FTS5 insert ${floorBuild.insertPerSecond.toFixed(0)} rows/s, optimize ${(floorBuild.optimizeMs / 1000).toFixed(1)} s`,
    );

    const engines: WorkerResult[] = [];
    const failures: BenchResult['failures'] = [];
    const targets: WorkerTarget[] = ['engine', 'floor', 'floor-expanded', ...options.peers];
    for (const target of targets) {
      log(`queries: ${target}`);
      const { result, error } = await runWorker(target, work, options, pipeline.passages);
      if (result) engines.push(result);
      if (error !== null) {
        log(`  ${target} failed${result ? ' (partial results kept)' : ''}: ${error}`);
        failures.push({ target, error });
      }
    }

    sampleLoad('after the queries');
    log(`HTTP: ${options.httpSeconds} s per route`);
    let http: BenchResult['http'];
    try {
      http = await runHttpBench(work, httpPlan(mix, articleIds), options.httpSeconds, log);
    } catch (error) {
      http = { error: messageOf(error) };
      log(`  HTTP failed: ${http.error}`);
    }

    sampleLoad('after HTTP');
    const result: BenchResult = {
      date,
      load,
      machine: machineInfo(),
      corpus: {
        source: corpus.source,
        seed: corpus.source === 'generated' ? options.seed : null,
        file: options.corpus,
        articles: pipeline.articles,
        passages: pipeline.passages,
        bytes: corpus.bytes,
      },
      settings: {
        querySeconds: options.querySeconds,
        httpSeconds: options.httpSeconds,
        queriesPerClass: QUERIES_PER_CLASS,
      },
      pipeline,
      floorBuild,
      queryMix: mix,
      engines,
      failures,
      http,
      durationSeconds: (Date.now() - started) / 1000,
    };
    const files = await writeResults(options.out, result);
    process.stdout.write(`\n${formatMarkdown(result)}\n`);
    log(`wrote ${files.markdown} and ${files.json}`);
    // The smoke run exists to prove every step still runs: a step that failed fails it.
    const failed = [...failures.map((failure) => failure.target), ...('error' in http ? ['HTTP'] : [])];
    if (options.smoke && failed.length > 0) throw new Error(`smoke run: ${failed.join(', ')} failed`);
  } finally {
    if (options.keep) log(`kept the work directory: ${work.root}`);
    else fs.rmSync(work.root, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseBenchFlags(argv);
  if (parsed.ok === 'help') {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.error}\n\n${BENCH_USAGE}`);
    return 2;
  }
  await bench(parsed.options);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
