/**
 * The real portal process (server/main.ts) stopped with SIGTERM. Every wait is on the process's
 * own output or on the HTTP exchange, never on a timer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus-generator.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Node's default `keepAliveTimeout`: how long an idle keep-alive connection would otherwise stay. */
const NODE_KEEP_ALIVE_MS = 5000;

interface PortalProcess {
  child: ChildProcess;
  /** Resolves with the output so far once it matches `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  port: () => number;
}

function startProcess(dataDir: string, corpusDir: string, env: Record<string, string> = {}): PortalProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      CORPUS_DIR: corpusDir,
      SEARCH_ENGINE: 'sqlite',
      SHUTDOWN_GRACE_SECONDS: '60',
      MAX_EXPORT_PASSAGES: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: (text: string) => void; reject: (error: Error) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (!waiter.pattern.test(output)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(output);
    }
  };
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    check();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit').then(([code, signal]) => {
    for (const waiter of waiters.splice(0))
      waiter.reject(
        new Error(`the portal exited (${code ?? signal}) before printing ${waiter.pattern}:\n${output}`),
      );
    return { code: code as number | null, signal: signal as NodeJS.Signals | null, output };
  });
  return {
    child,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      }),
    port: () => Number(/is ready at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]),
  };
}

/** A GET whose answer is not read until `read()` is called: a slow client in the middle of a download. */
function slowDownload(port: number, pathAndQuery: string, agent?: http.Agent) {
  return new Promise<{ status: number; read: () => Promise<string> }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathAndQuery, agent }, (response) => {
        response.pause();
        const read = async () => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.resume();
          await once(response, 'end');
          return Buffer.concat(chunks).toString('utf8');
        };
        resolve({ status: response.statusCode ?? 0, read });
      })
      .on('error', reject);
  });
}

/** What a SQLite engine may leave next to its file while it is open or after a crash. */
function leftovers(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs.readdirSync(dataDir).filter((name) => /-journal$|-wal$|-shm$|building/.test(name));
}

function integrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'index.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('stopping the portal with SIGTERM', () => {
  let root: string;
  let corpusDir: string;
  let dataDir: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'portal-shutdown-'));
    corpusDir = path.join(root, 'corpus');
    dataDir = path.join(root, 'data');
    fs.mkdirSync(corpusDir);
    // Big enough that a full export (MAX_EXPORT_PASSAGES: 10,000 passages, megabytes) cannot fit
    // in the socket buffers.
    writeCorpus(path.join(corpusDir, 'generated.jsonl'), { seed: 11, paragraphs: 12_000 });
    // The first start builds the index; the tests' starts then reuse it.
    const first = startProcess(dataDir, corpusDir);
    await first.waitFor(/is ready at/);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finishes the download in flight, refuses new connections, closes the index and exits 0', async () => {
    const portal = startProcess(dataDir, corpusDir);
    await portal.waitFor(/is ready at/);
    const download = await slowDownload(portal.port(), '/api/export?format=json');
    expect(download.status).toBe(200);

    portal.child.kill('SIGTERM');
    await portal.waitFor(/SIGTERM: no new connections; finishing 1 open request\(s\), then closing\./);
    await expect(fetch(`http://127.0.0.1:${portal.port()}/healthz`)).rejects.toThrow();

    const exported = JSON.parse(await download.read()) as { count: number; complete: boolean };
    expect(exported).toMatchObject({ count: 10_000, complete: false });
    const { code, signal, output } = await portal.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/Closed\.\n$/);
    expect(output).not.toMatch(/were cut/);
    expect(leftovers(dataDir)).toEqual([]);
    expect(integrity(dataDir)).toBe('ok');
  });

  it('closes a keep-alive connection as soon as its answer is done, without waiting for it to time out', async () => {
    const portal = startProcess(dataDir, corpusDir);
    await portal.waitFor(/is ready at/);
    const agent = new http.Agent({ keepAlive: true });
    const download = await slowDownload(portal.port(), '/api/export?format=csv', agent);
    portal.child.kill('SIGTERM');
    await portal.waitFor(/finishing 1 open request\(s\)/);
    await download.read();
    const answered = performance.now();
    const { code } = await portal.exited;
    expect(code).toBe(0);
    // The agent would keep the connection, and Node would close it only after its keep-alive timeout.
    expect(performance.now() - answered).toBeLessThan(NODE_KEEP_ALIVE_MS - 1000);
    agent.destroy();
  });

  it('cuts what is still running after the grace period, then still closes the index and exits 0', async () => {
    const portal = startProcess(dataDir, corpusDir, { SHUTDOWN_GRACE_SECONDS: '0.2' });
    await portal.waitFor(/is ready at/);
    const download = await slowDownload(portal.port(), '/api/export?format=csv');
    portal.child.kill('SIGTERM');
    await portal.waitFor(/1 request\(s\) were still running after 0\.2 s and were cut\./);
    await expect(download.read()).rejects.toThrow(/aborted/);
    expect((await portal.exited).code).toBe(0);
    expect(leftovers(dataDir)).toEqual([]);
    expect(integrity(dataDir)).toBe('ok');
  });

  it('stops cleanly when told to during the first indexing, leaving no half-built index', async () => {
    const freshData = path.join(root, 'fresh-data');
    const portal = startProcess(freshData, corpusDir);
    // Printed before the corpus is read; the signal is handled at the indexer's next pause.
    await portal.waitFor(/No index yet: indexing/);
    portal.child.kill('SIGTERM');
    const { code, signal, output } = await portal.exited;
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expect(output).not.toMatch(/is ready at/);
    expect(leftovers(freshData)).toEqual([]);
    if (fs.existsSync(path.join(freshData, 'index.sqlite'))) expect(integrity(freshData)).toBe('ok');
  });
});
