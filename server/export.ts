/**
 * Exports of a whole result set: every matching passage (not three per article), with its article,
 * its facets and a link to it, as CSV or JSON, stamped with the search, the index build and the
 * export time. Written as the engine produces passages, so memory stays flat however large the
 * export; capped at `maxPassages`, and the file says so when the cap cut it.
 */
import { once } from 'node:events';
import type { Response } from 'express';
import { DEFAULT_LIMITS } from '../engine/config.js';
import type { ExportedPassage, SearchEngine, SearchRequest } from '../engine/types.js';
import { csvComment, csvRow } from './csv.js';
import { toQueryString } from './params.js';
import { passageLink } from './present.js';

/** Enough for any reading of a result set (`MAX_EXPORT_PASSAGES`); beyond it a search should be narrowed. */
export const DEFAULT_MAX_EXPORT_PASSAGES = DEFAULT_LIMITS.maxExportPassages;

export type ExportFormat = 'csv' | 'json';

export interface ExportStamp {
  query: string;
  filters: SearchRequest['filters'];
  sort: SearchRequest['sort'];
  engine: string;
  indexBuiltAt: string | null;
  exportedAt: string;
  maxPassages: number;
}

export interface ExportWriter {
  begin(stamp: ExportStamp): string;
  passage(item: ExportedPassage, link: string, first: boolean): string;
  end(summary: { count: number; truncated: boolean; notice: string | null; error: string | null }): string;
}

export const CSV_COLUMNS = [
  'article_id',
  'title',
  'outlet',
  'published',
  'article_url',
  'article_countries',
  'article_agencies',
  'passage_index',
  'passage_link',
  'passage_countries',
  'passage_agencies',
  'text',
] as const;

const joinValues = (values: readonly string[]) => values.join('; ');

/** Comment lines (`# …`) above the header and below the table carry the stamp and notices. */
const csvWriter: ExportWriter = {
  begin: (stamp) =>
    // The byte order mark makes spreadsheet programs read the file as UTF-8.
    '\uFEFF' +
    [
      'Interference Search export',
      `query: ${stamp.query}`,
      `filters: ${toQueryString({ q: '', filters: stamp.filters, sort: 'relevance', page: 1, perPage: 10 }).slice(1) || 'none'}`,
      `sort: ${stamp.sort}`,
      `engine: ${stamp.engine}`,
      `index built: ${stamp.indexBuiltAt ?? 'unknown'}`,
      `exported: ${stamp.exportedAt}`,
    ]
      .map(csvComment)
      .join('') +
    csvRow(CSV_COLUMNS),
  passage: ({ article, passage }, link) =>
    csvRow([
      article.id,
      article.title,
      article.outlet,
      article.published,
      article.url,
      joinValues(article.countries),
      joinValues(article.agencies),
      passage.index,
      link,
      joinValues(passage.countries),
      joinValues(passage.agencies),
      passage.text,
    ]),
  end: ({ count, truncated, notice, error }) =>
    csvComment(
      error ? `error: ${error}` : truncated ? `truncated: ${notice}` : `complete: ${count} passages`,
    ),
};

/** Like Express's `json escape`: user text stays inert even if the file is sniffed as HTML. */
const json = (value: unknown) =>
  JSON.stringify(value).replace(/[<>&]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

const jsonWriter: ExportWriter = {
  begin: (stamp) => `{"export":${json(stamp)},\n"passages":[\n`,
  passage: ({ article, passage }, link, first) =>
    `${first ? '' : ',\n'}${json({ article, passage: { ...passage, link } })}`,
  end: ({ count, truncated, notice, error }) =>
    `\n],\n"count":${count},"complete":${!truncated && !error},"notice":${json(error ?? notice)}}\n`,
};

export const EXPORT_WRITERS: Record<ExportFormat, ExportWriter> = { csv: csvWriter, json: jsonWriter };
export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function truncationNotice(maxPassages: number): string {
  return `only the first ${maxPassages.toLocaleString('en')} matching passages were exported; narrow the search (a filter or a date range) to export the rest`;
}

/** Writes `chunk`, waiting when the client reads slower than the engine produces (or has gone). */
async function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk) || res.destroyed) return;
  // The wait that loses the race is cancelled, or each slow chunk would leave listeners behind.
  const settled = new AbortController();
  const { signal } = settled;
  await Promise.race([once(res, 'drain', { signal }), once(res, 'close', { signal })]).finally(() =>
    settled.abort(),
  );
}

/**
 * Streams the export of `request` to `res`. Errors before the first passage propagate (the error
 * handler answers with a status); later ones end the file with an error line, since the status
 * has been sent by then.
 */
export async function streamExport(
  res: Response,
  engine: SearchEngine,
  request: Pick<SearchRequest, 'q' | 'filters' | 'sort'>,
  options: { format: ExportFormat; maxPassages: number; origin: string },
): Promise<void> {
  const { format, maxPassages, origin } = options;
  const writer = EXPORT_WRITERS[format];
  // One more than the cap, to tell "exactly the cap" from "cut at the cap".
  const exportRequest = {
    q: request.q,
    filters: request.filters,
    sort: request.sort,
    limit: maxPassages + 1,
  };
  const passages = engine.exportPassages(exportRequest)[Symbol.asyncIterator]();
  // The first passage (or the end) before any header: a bad query is still a 400, not a broken file.
  const [first, stats] = await Promise.all([passages.next(), engine.stats()]);
  const exportedAt = new Date().toISOString();
  res.attachment(`interference-search-${exportedAt.replace(/[:.]/g, '-')}.${format}`);
  res.type(EXPORT_TYPES[format]);
  res.set('Cache-Control', 'no-store');
  // The client went away (closed the tab, cancelled the download): stop asking the engine.
  const stopped = () => res.destroyed;
  const stamp: ExportStamp = {
    query: request.q,
    filters: request.filters,
    sort: request.sort,
    engine: engine.name,
    indexBuiltAt: stats.builtAt,
    exportedAt,
    maxPassages,
  };
  await write(res, writer.begin(stamp));
  let count = 0;
  let truncated = false;
  let error: string | null = null;
  try {
    for (let next = first; !next.done && !stopped(); next = await passages.next()) {
      if (count === maxPassages) {
        truncated = true;
        break;
      }
      const link = `${origin}${passageLink(next.value.article.id, next.value.passage.index)}`;
      await write(res, writer.passage(next.value, link, count === 0));
      count++;
    }
  } catch (failure) {
    console.error(failure);
    error = 'the export stopped early because the search engine failed; export again';
  } finally {
    // Lets the engine release what it holds when we stop before its end.
    await passages.return?.();
  }
  if (stopped()) return;
  res.end(writer.end({ count, truncated, notice: truncated ? truncationNotice(maxPassages) : null, error }));
}
