import type { DateSource } from '../engine/types.js';
import { normalizePublished } from './dates.js';

/** Metadata shared by front matter and JSONL records, validated. */
export interface DeclaredMetadata {
  id: string | null;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  publishedSource: DateSource | null;
  language: string;
}

export type FieldsCheck =
  | { ok: true; metadata: DeclaredMetadata }
  /** `field` names the offending key, for the reader to point at its line. */
  | { ok: false; reason: string; field: string };

/**
 * Validates the metadata fields of a front-matter block or JSONL record: `id`, `title`,
 * `outlet` (or `source`), `url`, `published` and `language`. Other fields are allowed and
 * ignored. `where` names the container in messages ("front matter", "record").
 */
export function readDeclaredMetadata(record: Record<string, unknown>, where: string): FieldsCheck {
  try {
    const published = normalizePublished(record['published']);
    if (!published.ok) return { ok: false, reason: `${where}: ${published.reason}`, field: 'published' };
    return {
      ok: true,
      metadata: {
        id: optionalText(record, 'id', where),
        title: optionalText(record, 'title', where),
        outlet: optionalText(record, 'outlet', where) ?? optionalText(record, 'source', where),
        url: optionalUrl(record, where),
        published: published.date,
        publishedSource: published.date === null ? null : 'front matter',
        language: optionalText(record, 'language', where) ?? 'en',
      },
    };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: error.message, field: error.field };
    throw error;
  }
}

/** Checks an article id, which becomes part of URLs and anchors. */
export function idProblem(id: string): string | null {
  if (id.trim() === '') return 'the id is empty';
  if (/[/\\]/.test(id)) return `the id "${id}" contains a slash`;
  if (/\p{Cc}/u.test(id)) return `the id "${id}" contains a control character`;
  return null;
}

class FieldError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** A text field; numbers are accepted because YAML reads `title: 1984` as one. */
function optionalText(record: Record<string, unknown>, key: string, where: string): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    throw new FieldError(`${where}: "${key}" must be text, got ${describe(value)}`, key);
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function optionalUrl(record: Record<string, unknown>, where: string): string | null {
  const url = optionalText(record, 'url', where);
  if (url === null) return null;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new FieldError(`${where}: "url" must be an http(s) address, got "${url}"`, 'url');
  }
  return url;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
