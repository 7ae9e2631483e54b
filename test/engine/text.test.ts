import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { charLength, tokenize } from '../../engine/text.js';

/** What FTS5's unicode61 tokenizer (as configured in the index, minus porter) makes of `text`. */
function sqliteTokens(texts: readonly string[]): string[][] {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
           CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
  texts.forEach((text, i) => insert.run(i + 1, text));
  const rows = db
    .prepare<[], { doc: number; term: string }>('SELECT doc, term FROM v ORDER BY doc, offset')
    .all();
  db.close();
  return texts.map((_, i) => rows.filter((row) => row.doc === i + 1).map((row) => row.term));
}

describe('tokenize', () => {
  it('lowercases and splits on anything that is not a letter or a number', () => {
    expect(tokenize('Vote for Trump -- or else!')).toEqual(['vote', 'for', 'trump', 'or', 'else']);
  });

  it('splits words with inner punctuation into several tokens', () => {
    expect(tokenize("O'Brien")).toEqual(['o', 'brien']);
    expect(tokenize('U.S.')).toEqual(['u', 's']);
    expect(tokenize('co-op')).toEqual(['co', 'op']);
    expect(tokenize('Ratcliffe’s')).toEqual(['ratcliffe', 's']);
  });

  it('removes Latin diacritics, precomposed or combining', () => {
    expect(tokenize('Déjà vu, Résumé, Ærø')).toEqual(['deja', 'vu', 'resume', 'ærø']);
    expect(tokenize('Cre\u0301teil')).toEqual(['creteil']);
  });

  it('keeps non-Latin letters whole, as unicode61 does', () => {
    expect(tokenize('Кремль 한국 ΣΟΦΟΣ آمریکا')).toEqual(['кремль', '한국', 'σοφοσ', 'آمریکا']);
  });

  it('yields nothing for operators, symbols and emoji', () => {
    expect(tokenize('* ( ) - " : ^ 😀 <>')).toEqual([]);
  });

  it('keeps numbers as tokens', () => {
    expect(tokenize('In 2016, 3.5%')).toEqual(['in', '2016', '3', '5']);
  });

  it('produces the same tokens as FTS5 unicode61 remove_diacritics 2', () => {
    const samples = [
      'The Kremlin’s “active measures” — in 2016 & 2020 — targeted U.S. voters.',
      "O'Brien co-op e-mail AT&T 9/11 #hashtag @handle snake_case dot.separated",
      'Straße Łódź São Paulo Ñandú Ångström Çağrı İstanbul ǅemal œuvre ﬁnance',
      'Москва Київ Ελλάδα العربية עברית 中华人民共和国 日本語のテキスト 한국어',
      'Cre\u0301teil n\u0303 full-width ＡＢＣ１２３ superscript x² Ⅻ ½',
      'µ-law ſ ς emoji 😀🎉 private\uE000use tab\tnew\nline',
    ];
    expect(samples.map((sample) => tokenize(sample))).toEqual(sqliteTokens(samples));
  });
});

describe('charLength', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(charLength('kremlin')).toBe(7);
    expect(charLength('𝒳ab')).toBe(3);
  });
});
