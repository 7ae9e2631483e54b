/**
 * Files a process writes under a temporary name that carries its pid (`<file><mark><pid>-<random>`)
 * before renaming them into place. A process killed midway leaves such a file behind; whoever comes
 * next removes the ones whose process is gone, and never those of a process still writing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A fresh temporary name for `file`, owned by this process. */
export function pidFilePath(file: string, mark: string): string {
  return `${file}${mark}${process.pid}-${randomBytes(6).toString('hex')}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes the temporary files of `file` (companions such as `-journal` included) left by dead processes. */
export function removeAbandonedPidFiles(file: string, mark: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}${mark}`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && !isRunning(pid)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
