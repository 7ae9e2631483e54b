/**
 * Prepared statements, prepared once per connection and reused: better-sqlite3 compiles SQL on
 * `prepare`, and searches run the same few statements over and over.
 */
import type Database from 'better-sqlite3';

export type SqlParam = string | number | bigint | null | Uint8Array;

/**
 * better-sqlite3 binds every JS number as REAL. FTS5 silently ignores a `rowid = ?` constraint whose
 * value is REAL (it returns every match; SQLite trusts it to have applied the constraint), so whole
 * numbers go out as INTEGER.
 */
function bindable(params: readonly SqlParam[]): SqlParam[] {
  return params.map((param) =>
    typeof param === 'number' && Number.isSafeInteger(param) ? BigInt(param) : param,
  );
}

export class Statements {
  private readonly cache = new Map<string, Database.Statement<SqlParam[]>>();
  private readonly plucked = new Map<string, Database.Statement<SqlParam[]>>();

  constructor(readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement<SqlParam[]> {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare<SqlParam[]>(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  all<Row>(sql: string, params: readonly SqlParam[] = []): Row[] {
    return this.statement(sql).all(...bindable(params)) as Row[];
  }

  get<Row>(sql: string, params: readonly SqlParam[] = []): Row | undefined {
    return this.statement(sql).get(...bindable(params)) as Row | undefined;
  }

  run(sql: string, params: readonly SqlParam[] = []): Database.RunResult {
    return this.statement(sql).run(...bindable(params));
  }

  /** The first column of every row, as plain values (no row objects: for long lists of keys). */
  column<Value>(sql: string, params: readonly SqlParam[] = []): Value[] {
    let statement = this.plucked.get(sql);
    if (!statement) {
      statement = this.db.prepare<SqlParam[]>(sql).pluck();
      this.plucked.set(sql, statement);
    }
    return statement.all(...bindable(params)) as Value[];
  }
}
