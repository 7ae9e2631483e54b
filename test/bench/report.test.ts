import { describe, expect, it } from 'vitest';
import { SAME_SIZE_LABEL, type HttpResult, type RouteLoad } from '../../bench/http-load.js';
import { NATIVE } from '../../bench/peers/query-target.js';
import { QUERY_CLASSES, type BenchQuery, type QueryClass } from '../../bench/query-mix.js';
import type { ClassResult } from '../../bench/query-runner.js';
import {
  checkTargets,
  formatCount,
  formatMarkdown,
  formatMs,
  hitsTable,
  latencyTable,
  resultStem,
  type BenchResult,
} from '../../bench/report.js';
import type { WorkerResult, WorkerTarget } from '../../bench/worker-result.js';

const allNative = Object.fromEntries(QUERY_CLASSES.map((c) => [c, NATIVE])) as WorkerResult['support'];

function classResult(queryClass: QueryClass, p95: number, filtered = false, hits = [3]): ClassResult {
  return {
    class: queryClass,
    filtered,
    queries: ['word'],
    hits,
    latency: { runs: 100, mean: p95 / 2, p50: p95 / 2, p95, p99: p95 * 1.5, min: 0.01, max: p95 * 2 },
    support: NATIVE,
  };
}

function engine(target: WorkerTarget, name: string, p95: number): WorkerResult {
  return {
    target,
    name,
    unit: target === 'engine' ? 'article' : 'passage',
    extras: 'what it does',
    support: allNative,
    indexing: null,
    classes: [classResult('rare', p95), classResult('common', p95 * 10), classResult('rare', p95, true)],
    peakRssMb: 100,
    complete: true,
  };
}

function result(overrides: Partial<BenchResult> = {}): BenchResult {
  return {
    date: '2025-03-04T05:06:07.000Z',
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryGiB: 24,
      os: 'Linux',
      node: 'v20.19.0',
      sqlite: '3.50.0',
      packages: { minisearch: '7.2.0' },
      git: 'abc1234+changes',
    },
    corpus: { source: 'generated', seed: 1, file: null, articles: 1000, passages: 20_000, bytes: 6_000_000 },
    settings: { querySeconds: 3, httpSeconds: 5, queriesPerClass: 5 },
    pipeline: {
      articles: 1000,
      passages: 20_000,
      rejected: 0,
      loadMs: 8000,
      addMs: 1000,
      commitMs: 1000,
      totalMs: 10_000,
      passagesPerSecond: 2000,
      peakRssMb: 300,
    },
    floorBuild: {
      rows: 20_000,
      insertMs: 500,
      optimizeMs: 100,
      insertPerSecond: 40_000,
      insertOptimizePerSecond: 33_333,
    },
    queryMix: {
      classes: Object.fromEntries(
        QUERY_CLASSES.map((c): [QueryClass, BenchQuery[]] => [
          c,
          [{ q: `${c}-query`, must: [], phrase: [], not: [], prefix: null, typo: null }],
        ]),
      ) as Record<QueryClass, BenchQuery[]>,
      filter: { country: 'Russia', from: '2019-01-01', to: '2021-12-31' },
    },
    engines: [engine('engine', 'our engine', 2), engine('minisearch', 'MiniSearch', 1)],
    failures: [],
    http: {
      seconds: 5,
      connections: 10,
      idleRssMb: 150,
      maxRssMb: 200,
      peakRssMb: 210,
      routes: [
        {
          label: 'GET /healthz (HTTP floor)',
          paths: ['/healthz'],
          requestsPerSecond: 4000,
          requests: 20_000,
          latencyMs: { mean: 2, p50: 2, p97_5: 4, p99: 5, max: 9 },
          errors: 0,
          timeouts: 0,
          non2xx: 0,
        },
        {
          label: 'GET /api/search, rare word',
          paths: ['/api/search?q=x'],
          requestsPerSecond: 2500,
          requests: 12_500,
          latencyMs: { mean: 4, p50: 4, p97_5: 8, p99: 9, max: 20 },
          errors: 0,
          timeouts: 0,
          non2xx: 0,
        },
      ],
    },
    durationSeconds: 200,
    ...overrides,
  };
}

describe('report formatting', () => {
  it('names result files after the day and the passages indexed', () => {
    expect(resultStem('2025-03-04T05:06:07.000Z', 1_000_000)).toBe('2025-03-04-1000000');
  });

  it('prints milliseconds with precision that suits their size', () => {
    expect(formatMs(0.0421)).toBe('0.042');
    expect(formatMs(1.234)).toBe('1.23');
    expect(formatMs(12.34)).toBe('12.3');
    expect(formatMs(1234.5)).toBe('1235');
    expect(formatCount(1234567.4)).toBe('1,234,567');
  });

  it('puts p50 / p95 / p99 of every engine side by side, one row per class and filtered class', () => {
    const markdown = latencyTable(result().engines);
    expect(markdown.split('\n')[0]).toBe('| query class | our engine | MiniSearch |');
    expect(markdown).toContain('| rare | 1.00 / 2.00 / 3.00 | 0.500 / 1.00 / 1.50 |');
    expect(markdown).toContain('| rare + filter |');
  });

  it('marks approximated and unsupported classes', () => {
    const peer = engine('orama', 'Orama', 1);
    peer.classes[0] = { ...classResult('rare', 1), support: { kind: 'approximated', how: 'post-filter' } };
    peer.classes[1] = { ...classResult('common', 10), support: { kind: 'n/a', why: 'no typos' } };
    const markdown = latencyTable([peer]);
    expect(markdown).toMatch(/\| rare \| [^|]+ ≈ \|/);
    expect(markdown).toMatch(/\| common \| [^|]+ \(n\/a\) \|/);
  });

  it('says when an engine was stopped before every class ran, and how few runs a slow class had', () => {
    const peer = { ...engine('orama', 'Orama', 1), complete: false };
    peer.classes[0] = {
      ...classResult('rare', 8000),
      latency: { ...classResult('rare', 8000).latency, runs: 2 },
    };
    const markdown = latencyTable([peer]);
    expect(markdown.split('\n')[0]).toBe('| query class | Orama (stopped early) |');
    expect(markdown).toContain('| rare | 4000 / 8000 / 12000 (2 runs) |');
  });

  it('shows a range of hits when the queries of a class found different numbers', () => {
    const ours = engine('engine', 'our engine', 2);
    ours.classes[0] = classResult('rare', 2, false, [3, 12, 1500]);
    expect(hitsTable([ours])).toContain('| rare | 3–1,500 |');
  });

  it('checks the phase-2 targets and says which are not met', () => {
    const checks = checkTargets(result());
    expect(checks.find((check) => check.goal.startsWith('p95 ≤ 50 ms'))).toMatchObject({
      met: true,
      measured: 'worst: common at 20.0 ms',
    });
    expect(checks.find((check) => check.goal.includes('MiniSearch'))).toMatchObject({
      met: false,
      measured: 'slower on rare, common, rare + filter',
    });
    expect(checks.find((check) => check.goal.includes('requests/s'))).toMatchObject({
      met: true,
      measured: '63% (2,500 vs 4,000 req/s)',
    });
    expect(checks.find((check) => check.goal.includes('RSS'))).toMatchObject({ met: true });
    expect(checks.find((check) => check.goal.includes('indexing'))).toMatchObject({
      met: false,
      measured: '2,000 passages/s',
      // 20,000 passages in 8 s of loading, and 40,000/s for a bare FTS5 insert.
      floor:
        'reading and extraction alone 2,500/s, a bare FTS5 insert alone 40,000/s: one after the other at most 2,353/s',
    });
  });

  it('compares the rare-word search with a JSON answer of the same size when that route was loaded', () => {
    const base = result();
    const http = base.http as HttpResult;
    const sameSize = {
      ...(http.routes[1] as RouteLoad),
      label: `${SAME_SIZE_LABEL} (JSON)`,
      requestsPerSecond: 3000,
    };
    const checks = checkTargets({ ...base, http: { ...http, routes: [...http.routes, sameSize] } });
    expect(checks.find((check) => check.goal.includes('requests/s'))?.floor).toBe(
      `a JSON answer of about the same size, without a search (${SAME_SIZE_LABEL}): 75%`,
    );
    expect(checks.find((check) => check.goal.includes('MiniSearch'))?.floor).toMatch(
      /^rare: [\d.]+ vs [\d.]+ ms; /,
    );
  });

  it('prints the load average through the run and says when other work shared the machine', () => {
    const busy = formatMarkdown(
      result({
        load: [
          { phase: 'start', loadAverage: 0.4 },
          { phase: 'after indexing', loadAverage: 3.2 },
        ],
      }),
    );
    expect(busy).toContain(
      '- Load average (1 min): start 0.4, after indexing 3.2 on 2 cores: other work shared',
    );
    const quiet = formatMarkdown(result({ load: [{ phase: 'start', loadAverage: 1.1 }] }));
    expect(quiet).toContain('start 1.1 on 2 cores\n');
  });

  it('writes the machine, the corpus, every section and the failures into the Markdown', () => {
    const markdown = formatMarkdown(
      result({ failures: [{ target: 'orama', error: 'killed after 60 s (time limit)' }] }),
    );
    expect(markdown).toMatch(/^# Bench: 20,000 passages, 2025-03-04\n/);
    expect(markdown).toContain('- Machine: Test CPU, 2 cores, 24 GiB; Linux');
    expect(markdown).toContain('Node v20.19.0, SQLite 3.50.0');
    expect(markdown).toContain('- Code: abc1234+changes;');
    for (const heading of [
      '## Targets for phase 2',
      '## Indexing',
      '## Queries in-process',
      '## HTTP',
      '## Failures',
    ])
      expect(markdown).toContain(heading);
    expect(markdown).toContain('- orama: killed after 60 s (time limit)');
    expect(markdown).toContain('country = Russia, published 2019-01-01 to 2021-12-31');
  });

  it('says why HTTP was not measured when the portal could not start', () => {
    expect(formatMarkdown(result({ http: { error: 'the portal exited (1)' } }))).toContain(
      'Not measured: the portal exited (1)',
    );
  });
});
