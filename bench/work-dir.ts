/**
 * The files one bench run shares between its steps and worker processes, all under one
 * temporary directory: the corpus, the engine's index, the floor table, the passages as the
 * pipeline produced them (for the peers) and the query mix.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import path from 'node:path';

export interface WorkDir {
  root: string;
  /** The corpus directory the pipeline reads (one JSONL file). */
  corpusDir: string;
  corpusFile: string;
  /** DATA_DIR of the engine: holds index.sqlite. */
  dataDir: string;
  floorFile: string;
  passagesFile: string;
  queriesFile: string;
}

export function workDir(root: string): WorkDir {
  return {
    root,
    corpusDir: path.join(root, 'corpus'),
    corpusFile: path.join(root, 'corpus', 'corpus.jsonl'),
    dataDir: path.join(root, 'data'),
    floorFile: path.join(root, 'floor.sqlite'),
    passagesFile: path.join(root, 'passages.jsonl'),
    queriesFile: path.join(root, 'queries.json'),
  };
}

/** One passage as the pipeline produced it, with its article's metadata (for peers and filters). */
export interface BenchPassage {
  /** 1-based, in pipeline order: the floor table's rowid. */
  pid: number;
  article: string;
  text: string;
  /** The article's date as YYYYMMDD, or null. */
  published: number | null;
  year: string | null;
  /** The article's accused countries (filters and facets apply to articles). */
  countries: string[];
  agencies: string[];
  outlet: string;
}

/** Reads passages.jsonl one passage at a time. */
export async function* readPassages(file: string): AsyncGenerator<BenchPassage> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line !== '') yield JSON.parse(line) as BenchPassage;
  }
}

/** `2020-10-22` → 20201022, the form the peers filter dates on. */
export function dateNumber(date: string | null): number | null {
  return date === null ? null : Number(date.replaceAll('-', ''));
}
