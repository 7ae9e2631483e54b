import { fileURLToPath } from 'node:url';
import type { Article } from '../../engine/types.js';
import { buildArticle, isRejection } from '../../indexer/build-article.js';
import { listCorpusFiles } from '../../indexer/corpus-files.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { readCorpusFile } from '../../indexer/read-document.js';
import type { EvalInput } from './evaluate.js';
import { loadLabels } from './labels.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));

/** The bundled corpus as the indexer builds it, once as is and once without its metadata dates. */
export async function loadEvalInput(corpusDir: string = CORPUS_DIR): Promise<EvalInput> {
  const [{ articles }, textOnly, labels] = await Promise.all([
    loadCorpus(corpusDir),
    buildWithoutDates(corpusDir),
    loadLabels(),
  ]);
  return { articles, textOnly, labels };
}

/** What the date extraction finds in the text alone, as for a file that declares no date. */
async function buildWithoutDates(corpusDir: string): Promise<Article[]> {
  const { files } = await listCorpusFiles(corpusDir);
  const read = await Promise.all(files.map(readCorpusFile));
  return read
    .flatMap(({ documents }) => documents)
    .map((document) => buildArticle({ ...document, published: null, publishedSource: null }))
    .filter((built): built is Article => !isRejection(built));
}
