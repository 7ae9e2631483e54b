/**
 * `npm run bench:profile`: where the time goes.
 *
 *   --work DIR              a work directory kept by `npm run bench -- --keep`: profiles each query
 *                           class of its mix on our engine (SQL statement timings + CPU profile)
 *   --indexing --passages N profiles the indexing pipeline on a fresh synthetic corpus of N passages
 *   --runs N                searches per query class (default 20); --class NAME to profile one class
 *
 * Prints Markdown and writes it (and the .cpuprofile files, for Chrome DevTools) next to the data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installSqlTimer, takeSqlTimings, type SqlTiming } from './sql-timer.js';
import { summarizeProfile, withCpuProfile, type CpuProfile } from './cpu-profile.js';
import { writeCorpus } from './corpus-generator.js';
import { wholeNumber } from './flags.js';
import { formatMs } from './report.js';
import { QUERY_CLASSES, type QueryClass, type QueryMix } from './query-mix.js';
import { workDir } from './work-dir.js';
import { messageOf } from '../engine/errors.js';

// Before the engine opens a database, so its statements are timed too.
installSqlTimer();

const { openEngineTarget } = await import('./peers/sqlite-engine.js');
const { loadCorpus } = await import('../indexer/load-corpus.js');
const { indexCorpus } = await import('../indexer/index-corpus.js');
const { openSqliteEngine } = await import('../engine/engines/sqlite.js');

const out: string[] = [];
const print = (line = '') => {
  out.push(line);
  process.stdout.write(`${line}\n`);
};

function sqlTable(timings: readonly SqlTiming[], per: number, top = 12): void {
  const total = timings.reduce((sum, timing) => sum + timing.totalMs, 0);
  print('| share | ms per search | calls per search | statement |');
  print('| --- | --- | --- | --- |');
  for (const timing of timings.slice(0, top)) {
    const sql = timing.sql.length > 150 ? `${timing.sql.slice(0, 150)}…` : timing.sql;
    print(
      `| ${((timing.totalMs / Math.max(total, 1e-9)) * 100).toFixed(1)}% | ${formatMs(timing.totalMs / per)} | ` +
        `${(timing.calls / per).toFixed(1)} | \`${sql.replaceAll('|', '\\|')}\` |`,
    );
  }
}

function hotSpots(profile: CpuProfile, top = 12): void {
  const { functions, files } = summarizeProfile(profile, top);
  print(`JS self time by file: ${files.map((f) => `${f.name} ${(f.share * 100).toFixed(0)}%`).join(', ')}`);
  print();
  print('| self | function |');
  print('| --- | --- |');
  for (const spot of functions) print(`| ${(spot.share * 100).toFixed(1)}% | \`${spot.name}\` |`);
  print();
}

async function profileQueries(root: string, runs: number, only: QueryClass | null): Promise<void> {
  const dir = workDir(root);
  const mix = JSON.parse(fs.readFileSync(dir.queriesFile, 'utf8')) as QueryMix;
  const target = await openEngineTarget(dir.dataDir);
  print(`# Query profile: ${root}`);
  print();
  for (const filtered of mix.filter === null ? [false] : [false, true]) {
    for (const queryClass of only === null ? QUERY_CLASSES : [only]) {
      const queries = mix.classes[queryClass];
      const filter = filtered ? mix.filter : null;
      for (const query of queries) await target.search(query, filter); // warm-up
      takeSqlTimings();
      const label = `${queryClass}${filtered ? '-filtered' : ''}`;
      const started = performance.now();
      let searches = 0;
      const { profile } = await withCpuProfile(path.join(root, `profile-${label}.cpuprofile`), async () => {
        // Bounded: `runs` searches or one minute, whichever comes first.
        for (let i = 0; i < runs && performance.now() - started < 60_000; i++) {
          const query = queries[i % queries.length];
          if (query) await target.search(query, filter);
          searches++;
        }
      });
      const elapsed = performance.now() - started;
      const timings = takeSqlTimings();
      const sqlMs = timings.reduce((sum, timing) => sum + timing.totalMs, 0);
      print(
        `## ${label}: ${formatMs(elapsed / searches)} ms per search, ${((sqlMs / elapsed) * 100).toFixed(0)}% of it in SQLite`,
      );
      print();
      print(`Queries: ${queries.map((query) => `\`${query.q}\``).join(', ')}`);
      print();
      sqlTable(timings, searches);
      print();
      hotSpots(profile);
    }
  }
  await target.close();
}

async function profileIndexing(passages: number): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'interference-profile-'));
  const dir = workDir(root);
  fs.mkdirSync(dir.corpusDir, { recursive: true });
  writeCorpus(dir.corpusFile, { seed: 1, paragraphs: passages });
  print(`# Indexing profile: ${passages} passages (synthetic, seed 1)`);
  print();
  // Extraction in this thread, where the profiler sees it (worker threads have profiles of their own).
  const load = await withCpuProfile(path.join(root, 'profile-load.cpuprofile'), () =>
    loadCorpus(dir.corpusDir, { extractWorkers: 0 }),
  );
  const loaded = load.value;
  const loadMs = (load.profile.endTime - load.profile.startTime) / 1000;
  const count = loaded.articles.reduce((sum, article) => sum + article.passages.length, 0);
  print(
    `## loadCorpus (read → clean → split → extract, in one thread): ${formatMs(loadMs)} ms, ${Math.round((count * 1000) / loadMs)} passages/s`,
  );
  print();
  hotSpots(load.profile, 25);
  takeSqlTimings();
  const engine = await openSqliteEngine({ dataDir: dir.dataDir });
  const push = await withCpuProfile(path.join(root, 'profile-push.cpuprofile'), () =>
    indexCorpus(engine, loaded),
  );
  await engine.close();
  const pushMs = (push.profile.endTime - push.profile.startTime) / 1000;
  print(
    `## indexCorpus into the SQLite engine: ${formatMs(pushMs)} ms, ${Math.round((count * 1000) / pushMs)} passages/s`,
  );
  print();
  sqlTable(takeSqlTimings(), 1, 15);
  print();
  hotSpots(push.profile, 15);
  return root;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      work: { type: 'string' },
      indexing: { type: 'boolean' },
      passages: { type: 'string' },
      runs: { type: 'string' },
      class: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.indexing) {
    const passages = wholeNumber('passages', values.passages ?? '100000', 100, 2_000_000);
    if (typeof passages === 'string') throw new Error(passages);
    const root = await profileIndexing(passages);
    fs.writeFileSync(path.join(root, 'profile.md'), `${out.join('\n')}\n`);
    process.stdout.write(`\nProfiles and profile.md are in ${root}\n`);
    return;
  }
  if (values.work === undefined)
    throw new Error('give --work DIR (kept by npm run bench -- --keep) or --indexing');
  const runs = wholeNumber('runs', values.runs ?? '20', 1, 10_000);
  if (typeof runs === 'string') throw new Error(runs);
  const only = values.class ?? null;
  if (only !== null && !(QUERY_CLASSES as readonly string[]).includes(only))
    throw new Error(`--class must be one of ${QUERY_CLASSES.join(', ')}`);
  await profileQueries(values.work, runs, only as QueryClass | null);
  fs.writeFileSync(path.join(values.work, 'profile.md'), `${out.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${messageOf(error)}\n`);
  process.exitCode = 1;
});
