import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../engine/types.js';
import { loadCorpus, type LoadedCorpus } from '../../indexer/load-corpus.js';

const corpusDir = fileURLToPath(new URL('../../corpus', import.meta.url));

let loaded: LoadedCorpus;
const article = (id: string): Article => {
  const found = loaded.articles.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no article ${id}`);
  return found;
};

const TRT = '2020-10-22-trt-russia-iran-voter-data';
const ACCUSED = '2020-10-22-iran-russia-accused-of-interfering';
const SANCTIONS = '2021-11-18-us-sanctions-six-iranians';
const VOA = '2020-10-30-voa-iran-state-voter-database';
const SPUTNIK = '2020-09-28-sputnik-fbi-cisa-voter-data-claims';

beforeAll(async () => {
  loaded = await loadCorpus(corpusDir);
});

describe('the bundled corpus', () => {
  it('loads every article without rejections', () => {
    expect(loaded.rejected).toEqual([]);
    expect(loaded.skipped).toEqual([]);
    expect(loaded.articles.map((a) => a.id).sort()).toEqual([SPUTNIK, ACCUSED, TRT, VOA, SANCTIONS].sort());
  });

  it.each([
    [TRT, ['Iran', 'Russia']],
    [ACCUSED, ['Iran', 'Russia']],
    [SANCTIONS, ['Iran']],
    [VOA, ['Iran', 'Russia']],
    [SPUTNIK, ['Russia']],
  ])('%s accuses %j', (id, countries) => {
    expect(article(id).countries).toEqual(countries);
  });

  it('never accuses the accuser, the go-between or the partners', () => {
    const all = loaded.articles.flatMap((a) => a.passages.flatMap((p) => p.countries));
    for (const bystander of ['United States', 'Switzerland', 'United Kingdom', 'Australia']) {
      expect(all).not.toContain(bystander);
    }
  });

  it('accuses no one in the denials', () => {
    const denial = article(TRT).passages.find(
      (p) => p.text === 'Moscow and Tehran swiftly rejected the accusations.',
    );
    expect(denial?.countries).toEqual([]);
    const kremlin = article(TRT).passages.find((p) => p.headings.includes('Kremlin denies accusations'));
    expect(kremlin?.countries).toEqual([]);
  });

  it.each([
    [TRT, ['FBI', 'IRGC', 'ODNI', 'Treasury']],
    [ACCUSED, ['DHS', 'FBI', 'ODNI']],
    [SANCTIONS, ['DOJ', 'FBI', 'Foreign Ministry (Iran)', 'Treasury']],
    [VOA, ['CISA', 'FBI', 'Foreign Ministry (Iran)', 'ODNI']],
    [SPUTNIK, ['CISA', 'DHS', 'FBI', 'ODNI', 'State Department']],
  ])('%s names agencies %j', (id, agencies) => {
    expect(article(id).agencies).toEqual(agencies);
  });

  it.each([
    [TRT, '2020-10-22', 'TRT World'],
    [ACCUSED, '2020-10-22', 'Unknown outlet'],
    [SANCTIONS, '2021-11-18', 'Unknown outlet'],
    [VOA, '2020-10-30', 'VOA'],
    [SPUTNIK, '2020-09-28', 'Sputnik'],
  ])('%s was published on %s by %s', (id, published, outlet) => {
    expect(article(id)).toMatchObject({ published, publishedSource: 'front matter', outlet });
  });

  it('keeps boilerplate out of every passage', () => {
    const texts = loaded.articles.flatMap((a) => a.passages.flatMap((p) => [p.text, ...p.headings]));
    for (const text of texts) {
      expect(text).not.toMatch(
        /READ MORE|Get short URL|Listen Live|Community standards|Photo:|Photo by:|\(@\w+\)/,
      );
      expect(text).not.toMatch(/^Source:/);
      expect(text).not.toBe('FBI, voters, Russia, Donald Trump, Joe Biden');
      expect(text).not.toMatch(/GMT28/);
    }
  });

  it('keeps one copy of the repeated caption and drops the repeated headline', () => {
    const captions = article(TRT).passages.filter((p) => p.text.startsWith('Campaign signs are posted'));
    expect(captions.map((p) => p.text.endsWith('(Reuters)'))).toEqual([false]);
    expect(article(ACCUSED).passages[0]?.text).toMatch(/^Top security officials/);
  });

  it('attaches subheadings to the passage after them', () => {
    const passage = article(TRT).passages.find((p) =>
      p.headings.includes('US says Russian hackers stole data'),
    );
    expect(passage?.text).toMatch(/^US officials accused Russian hackers/);
    expect(passage?.countries).toEqual(['Russia']);
  });

  it('numbers passages from 1 without gaps', () => {
    for (const a of loaded.articles) {
      expect(a.passages.map((p) => p.index)).toEqual(a.passages.map((_, i) => i + 1));
    }
  });

  it('gives the same passages on a second load', async () => {
    expect((await loadCorpus(corpusDir)).articles).toEqual(loaded.articles);
  });
});
