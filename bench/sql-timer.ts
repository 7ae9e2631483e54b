/**
 * Profiling aid: times every better-sqlite3 statement by its SQL text, without touching the
 * engine, by wrapping the Statement and Database prototypes in this process only. What a search
 * or a build spends in SQLite then shows up statement by statement.
 */
import Database from 'better-sqlite3';

export interface SqlTiming {
  sql: string;
  calls: number;
  totalMs: number;
}

const timings = new Map<string, { calls: number; totalMs: number }>();
let installed = false;

function record(sql: string, ms: number): void {
  const key = sql.replace(/\s+/g, ' ').trim();
  const entry = timings.get(key) ?? { calls: 0, totalMs: 0 };
  entry.calls++;
  entry.totalMs += ms;
  timings.set(key, entry);
}

type Method = (this: { source: string }, ...args: unknown[]) => unknown;

/** Wraps run/get/all/iterate of every statement and Database#exec; idempotent. */
export function installSqlTimer(): void {
  if (installed) return;
  installed = true;
  const probe = new Database(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, Method>;
  probe.close();
  for (const name of ['run', 'get', 'all']) {
    const original = statementPrototype[name];
    if (!original) continue;
    statementPrototype[name] = function (this: { source: string }, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        record(this.source, performance.now() - started);
      }
    };
  }
  const databasePrototype = Database.prototype as unknown as Record<
    string,
    (this: unknown, sql: string) => unknown
  >;
  const exec = databasePrototype['exec'];
  if (exec) {
    databasePrototype['exec'] = function (this: unknown, sql: string) {
      const started = performance.now();
      try {
        return exec.call(this, sql);
      } finally {
        record(`exec: ${sql}`, performance.now() - started);
      }
    };
  }
}

/** The statements timed since the last reset, most total time first. */
export function takeSqlTimings(): SqlTiming[] {
  const list = [...timings].map(([sql, entry]) => ({ sql, ...entry })).sort((a, b) => b.totalMs - a.totalMs);
  timings.clear();
  return list;
}
