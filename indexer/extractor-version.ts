import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What turns a file into an article: the indexer's code and data, and the article type it fills. */
const SOURCE_ROOTS = ['indexer', 'engine/types.ts'];

/** Packages whose output ends up in articles (dates, countries, front matter). */
const EXTRACTION_PACKAGES = ['chrono-node', 'countries-list', 'gray-matter', 'world-countries'];

let memo: Promise<string> | null = null;

/**
 * A hash of everything that decides what the indexer makes of a file: the source and data files
 * under `indexer/`, the `Article` type, the versions of the packages extraction relies on, and the
 * ICU and Unicode versions behind `Intl.Segmenter` and `\p{…}`. Any change to them changes it, so
 * the extraction cache can never hand out an article that the current code would build differently.
 * Computed once per process.
 */
export function extractorVersion(): Promise<string> {
  memo ??= hashExtractor(PROJECT_ROOT);
  return memo;
}

/** `extractorVersion` for the project at `root` (a parameter so that tests can use a copy). */
export async function hashExtractor(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await sourceFiles(root)) {
    hash.update(`${file}\0`);
    hash.update(await fs.readFile(path.join(root, file)));
    hash.update('\0');
  }
  for (const name of EXTRACTION_PACKAGES) hash.update(`${name}@${await packageVersion(root, name)}\0`);
  hash.update(`icu ${process.versions.icu ?? '-'} unicode ${process.versions.unicode ?? '-'}`);
  return hash.digest('hex');
}

/** `.ts` and `.json` files under the source roots, relative to `root`, sorted. */
async function sourceFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of SOURCE_ROOTS) {
    const stats = await fs.stat(path.join(root, entry)).catch(() => null);
    if (stats?.isFile()) found.push(entry);
    else if (stats?.isDirectory()) {
      const names = await fs.readdir(path.join(root, entry), { recursive: true });
      found.push(
        ...names.filter((name) => /\.(?:ts|json)$/.test(name)).map((name) => path.join(entry, name)),
      );
    }
  }
  return found.map((file) => file.split(path.sep).join('/')).sort();
}

async function packageVersion(root: string, name: string): Promise<string> {
  try {
    const manifest = JSON.parse(
      await fs.readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'missing';
  }
}
