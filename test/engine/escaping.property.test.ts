/**
 * Random strings, biased towards the syntax of FTS5 queries and Meilisearch filters, through the
 * query parser and the one escaping function of each engine.
 * https://fast-check.dev/docs/core-blocks/arbitraries/primitives/string/
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFilter, filterString, searchFilter } from '../../engine/engines/meilisearch-filter.js';
import { ftsString, toFtsAnyTermMatch, toFtsMatch } from '../../engine/engines/sqlite-match.js';
import { FTS_TOKENIZER } from '../../engine/engines/sqlite-schema.js';
import { MAX_PHRASE_TOKENS, MAX_QUERY_TERMS, parseQuery } from '../../engine/query.js';
import { tokenize } from '../../engine/text.js';
import { NO_FILTERS } from './fixtures.js';

/** Pieces of query and filter syntax, quotes in several typographies, and characters that break naive code. */
const SYNTAX = [
  '"',
  "'",
  '“',
  '”',
  '„',
  '«',
  '»',
  '‘',
  '’',
  '＂',
  '-',
  '−',
  '--',
  '*',
  '^',
  ':',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  '+',
  '\\',
  '\\"',
  '\\\\',
  '""',
  "''",
  'NEAR',
  'NEAR(',
  'NEAR/3',
  'AND',
  'OR',
  'NOT',
  'TO',
  'IN',
  '=',
  '!=',
  '>=',
  'EXISTS',
  'NULL',
  'IS EMPTY',
  '_geoRadius(',
  'text:',
  'col:',
  '{text title}:',
  'rowid',
  '\0',
  '\u0007',
  '\u001b',
  '\r\n',
  '\n',
  '\t',
  ' ',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udc00',
  '\u0301',
  'ﬁ',
  'é',
  'İ',
  'ß',
  '🗳️',
  '🇮🇷',
  'ا',
  '中',
  '\uE000',
  '\uE001',
  '%',
  '%00',
  '&amp;',
  '<mark>',
  '</mark>',
  '<script>',
];

/** What URL decoding makes of half a surrogate pair (the replacement character). */
const LONE_SURROGATE = /\p{Cs}/gu;

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SYNTAX) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/**
 * Syntax-heavy text limited to characters SQLite's Unicode 6.1 tables know, where FTS5 and
 * `tokenize` split words the same way (engine/text.ts names the one known difference).
 */
const sharedTokenizationText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...SYNTAX.filter((text) => !/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text)),
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join('').replace(LONE_SURROGATE, '\uFFFD'));

/** Text made mostly of syntax: what someone probing the escaping would type. */
const hostileText = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
/** Any text at all: syntax-heavy, any Unicode code point, any byte-range character. */
const anyText = fc.oneof(hostileText, fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' }));
/** What can arrive in a URL parameter: no lone surrogates (URL decoding turns them into U+FFFD). */
const urlText = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('').replace(LONE_SURROGATE, '\uFFFD')),
  fc.string({ unit: 'binary' }),
);

const RUNS = { numRuns: 500 };

describe('parseQuery on random input', () => {
  it('never throws and always yields normalised tokens within the caps', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const parsed = parseQuery(input);
        const sequences = [
          ...parsed.terms.map((term) => term.tokens),
          ...parsed.phrases,
          ...parsed.excludedTerms,
          ...parsed.excludedPhrases,
        ];
        expect(sequences.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
        for (const tokens of sequences) {
          expect(tokens.length).toBeGreaterThan(0);
          expect(tokens.length).toBeLessThanOrEqual(MAX_PHRASE_TOKENS);
          // Each token is one word as the tokenizer makes it: no space, quote or operator left in it.
          for (const token of tokens) expect(tokenize(token)).toEqual([token]);
        }
      }),
      RUNS,
    );
  });
});

describe('the FTS5 escaping (ftsString) against a real FTS5 table', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = '${FTS_TOKENIZER}', prefix = '2 3')`);
  const insert = db.prepare<[string]>('INSERT INTO fts (text) VALUES (?)');
  for (const text of ['Vote for Trump or else', 'NEAR AND OR NOT title col', 'Iran and Russia'])
    insert.run(text);
  const match = db.prepare<[string], { rowid: number }>('SELECT rowid FROM fts WHERE fts MATCH ?');
  afterAll(() => db.close());

  it('turns any tokens into a valid MATCH expression', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 4 }), (tokens) => {
        expect(() => match.all(ftsString(tokens))).not.toThrow();
      }),
      RUNS,
    );
  });

  it('builds a valid MATCH expression for any query, with any alternatives', () => {
    const alternatives = fc.array(
      fc.record({ prefix: fc.boolean(), words: fc.array(anyText, { maxLength: 3 }) }),
      { maxLength: MAX_QUERY_TERMS },
    );
    fc.assert(
      fc.property(anyText, alternatives, (input, extra) => {
        const parsed = parseQuery(input);
        const all = toFtsMatch(parsed, extra);
        if (all.kind !== 'everything') expect(() => match.all(all.expression)).not.toThrow();
        const any = toFtsAnyTermMatch(parsed, extra);
        if (any !== null) expect(() => match.all(any)).not.toThrow();
      }),
      RUNS,
    );
  });

  it('searches what was typed as words: a passage holding the text is found by it', () => {
    fc.assert(
      fc.property(sharedTokenizationText, (text) => {
        const tokens = tokenize(text);
        fc.pre(tokens.length > 0);
        const rowid = Number(insert.run(text).lastInsertRowid);
        try {
          expect(match.all(ftsString(tokens)).map((row) => row.rowid)).toContain(rowid);
        } finally {
          db.prepare('DELETE FROM fts WHERE rowid = ?').run(rowid);
        }
      }),
      RUNS,
    );
  });
});

/**
 * Meilisearch's reading of a double-quoted filter value, written from its filter parser:
 * `quoted_by` scans to the first `"` not preceded by `\` (a `\` always takes the next character
 * with it, and may not end the input), replaces `\"` by `"` when it saw one, then the unescaper
 * crate decodes backslash sequences (`\\`, `\"`, `\'`, `\/`, `\b \f \n \r \t \v`, `\u`, `\x`,
 * octal) and rejects any other. Returns the value and the text after the closing quote.
 * (crates/filter-parser/src/value.rs in meilisearch/meilisearch; src/lib.rs in hack-ink/unescaper.)
 */
function readQuotedValue(input: string): { value: string; rest: string } {
  const chars = [...input];
  if (chars[0] !== '"') throw new Error('a quoted value starts with "');
  let escapedQuote = false;
  let end = -1;
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === '"') {
      end = i;
      break;
    }
    if (chars[i] === '\\') {
      if (i + 1 >= chars.length) throw new Error('MalformedValue: a backslash ends the input');
      if (chars[i + 1] === '"') escapedQuote = true;
      i++;
    }
  }
  if (end === -1) throw new Error('MissingClosingDelimiter: no closing quote');
  let fragment = chars.slice(1, end).join('');
  if (escapedQuote) fragment = fragment.replaceAll('\\"', '"');
  return { value: unescapeSequences(fragment), rest: chars.slice(end + 1).join('') };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  "'": "'",
  '"': '"',
  '\\': '\\',
  '/': '/',
};

function unescapeSequences(text: string): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = chars[++i];
    if (next === undefined) throw new Error('IncompleteStr');
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) out += simple;
    // Our escaping never lets these form; if one did, the value would change, which the tests catch.
    else if (next === 'u' || next === 'x' || /[0-7]/.test(next)) out += `<escape \\${next}>`;
    else throw new Error(`InvalidChar: \\${next}`);
  }
  return out;
}

describe('the Meilisearch filter escaping (filterString), read back as Meilisearch reads it', () => {
  it('reads back every value exactly', () => {
    fc.assert(
      fc.property(urlText, (value) => {
        expect(readQuotedValue(filterString(value))).toEqual({ value, rest: '' });
      }),
      RUNS,
    );
  });

  it('cannot be closed early: whatever follows the literal stays outside it', () => {
    fc.assert(
      fc.property(urlText, hostileText, (value, after) => {
        expect(readQuotedValue(filterString(value) + after)).toEqual({ value, rest: after });
      }),
      RUNS,
    );
  });

  it('keeps chosen facet values as values in the search filter', () => {
    fc.assert(
      fc.property(fc.array(urlText, { minLength: 1, maxLength: 4 }), (countries) => {
        const filter = searchFilter({ ...NO_FILTERS, country: countries }) ?? '';
        expect(filter.startsWith('country IN [')).toBe(true);
        let rest = filter.slice('country IN ['.length);
        const read: string[] = [];
        for (;;) {
          const literal = readQuotedValue(rest);
          read.push(literal.value);
          if (literal.rest === ']') break;
          expect(literal.rest.startsWith(', ')).toBe(true);
          rest = literal.rest.slice(2);
        }
        expect(read).toEqual(countries);
      }),
      RUNS,
    );
  });

  it('filters one article whatever its id', () => {
    fc.assert(
      fc.property(urlText, (id) => {
        const filter = articleFilter(id);
        expect(filter).toMatch(/^articleKey = "[0-9a-f]{64}"$/);
      }),
      { numRuns: 100 },
    );
  });
});
