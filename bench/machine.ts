/** What the numbers were measured on. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  packages: Record<string, string>;
  /** The commit measured, `+changes` when the work tree differed from it. */
  git?: string;
  /** The paths that differed from that commit (uncommitted or untracked), when some did. */
  changedPaths?: string[];
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(`${REPO_ROOT}node_modules/${name}/package.json`, 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

function gitState(): { git: string; changedPaths: string[] } {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const changedPaths = git(['status', '--porcelain'])
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(3));
    return {
      git: `${git(['rev-parse', '--short', 'HEAD'])}${changedPaths.length === 0 ? '' : '+changes'}`,
      changedPaths,
    };
  } catch {
    return { git: 'unknown', changedPaths: [] };
  }
}

export function machineInfo(): MachineInfo {
  const db = new Database(':memory:');
  const sqlite = db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? 'unknown';
  db.close();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    ...gitState(),
    packages: Object.fromEntries(
      ['better-sqlite3', '@orama/orama', 'minisearch', 'autocannon', 'express'].map((name) => [
        name,
        packageVersion(name),
      ]),
    ),
  };
}
