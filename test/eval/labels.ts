import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const date = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.enum(['front matter', 'metadata', 'dateline', 'inferred']),
});

const quoteLabel = z.object({
  text: z.string().min(1),
  /** Canonical name, organisation, "A and B" for several, or null when the text does not say. */
  speaker: z.string().min(1).nullable(),
  /** The role the article states for the speaker, where a reader would note one. */
  role: z.string().optional(),
  /** Every passage a quote runs through, when more than the one it is filed under. */
  passages: z.array(z.number().int().positive()).optional(),
});

const passageLabel = z.object({
  /** The first characters of the passage, so that a change in splitting cannot go unnoticed. */
  starts: z.string().min(1),
  countries: z.array(z.string()),
  agencies: z.array(z.string()),
  quotes: z.array(quoteLabel).default([]),
});

const articleLabels = z.object({
  article: z.string().min(1),
  /** The publication date as indexed from the corpus file. */
  published: date.nullable(),
  /** The date the text gives itself, the metadata set aside; null when a reader cannot tell. */
  publishedFromText: date.nullable(),
  /** Why the harder calls were made the way they were. */
  notes: z.array(z.string()).default([]),
  /** Every passage of the article, keyed by its index. */
  passages: z.record(z.string().regex(/^\d+$/), passageLabel),
});

export type ArticleLabels = z.infer<typeof articleLabels>;
export type PassageLabel = z.infer<typeof passageLabel>;
export type QuoteLabel = z.infer<typeof quoteLabel>;

export const LABELS_DIR = path.join(import.meta.dirname, 'labels');

/** Reads and validates every `labels/*.json`, one file per corpus article. */
export async function loadLabels(dir: string = LABELS_DIR): Promise<ArticleLabels[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = articleLabels.safeParse(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      if (`${parsed.data.article}.json` !== file)
        throw new Error(`${file} labels article "${parsed.data.article}"`);
      return parsed.data;
    }),
  );
}
