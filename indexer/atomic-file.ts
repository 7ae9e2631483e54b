import fs from 'node:fs';
import path from 'node:path';
import { pidFilePath, removeAbandonedPidFiles } from '../engine/pid-files.js';

const TEMP_MARK = '.tmp-';

/**
 * Writes `file` so that it is always either the old or the whole new content, even if the
 * process is killed midway: the chunks go to `<file>.tmp-<pid>-<random>`, which is flushed to
 * disk and renamed over `file` (atomic on POSIX). Temporary files left by dead processes are
 * removed first; a failed write removes its own.
 */
export async function writeFileAtomically(file: string, chunks: Iterable<string>): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeAbandonedTempFiles(file);
  const temp = pidFilePath(file, TEMP_MARK);
  try {
    const handle = await fs.promises.open(temp, 'w');
    try {
      await writeBuffered(handle, chunks);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(file));
}

/** Deletes `<file>.tmp-<pid>-…` files whose process no longer runs (a write killed midway). */
export function removeAbandonedTempFiles(file: string): void {
  removeAbandonedPidFiles(file, TEMP_MARK);
}

/** Joins small chunks into writes of about a megabyte: one syscall per line would be slow. */
async function writeBuffered(handle: fs.promises.FileHandle, chunks: Iterable<string>): Promise<void> {
  const limit = 1 << 20;
  let pending: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      await handle.writeFile(pending.join(''));
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) await handle.writeFile(pending.join(''));
}

function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the rename itself is still atomic.
  }
}
