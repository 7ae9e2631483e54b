import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A valid Markdown article with front matter, for tests that need one good file beside the bad. */
export const SAMPLE_ARTICLE =
  '---\ntitle: Hackers\noutlet: VOA\npublished: 2020-10-30\n---\nIranian hackers targeted state election websites.\n';

export interface TempCorpus {
  /** This test's directory (a new one for every test). */
  readonly dir: string;
  /** Writes `relative` under `dir`, creating its folders. */
  put(relative: string, content: string | Buffer): Promise<void>;
}

/** A corpus directory of its own for every test of the calling file, removed after each test. */
export function useTempCorpus(prefix: string): TempCorpus {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async put(relative, content) {
      await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
      await writeFile(path.join(dir, relative), content);
    },
  };
}
