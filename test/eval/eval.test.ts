import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, normalizeQuote, normalizeSpeaker, type Score } from './evaluate.js';
import { loadEvalInput } from './eval-input.js';
import { missedTargets, TARGETS } from './targets.js';

let scores: Score[];

beforeAll(async () => {
  scores = evaluate(await loadEvalInput());
});

describe('extraction on the hand-labelled seed articles', () => {
  it.each(Object.keys(TARGETS))('meets the precision and recall targets for %s', (extractor) => {
    const score = scores.find((candidate) => candidate.extractor === extractor);
    expect(score, extractor).toBeDefined();
    expect(missedTargets(score ? [score] : []), JSON.stringify(score, null, 2)).toEqual([]);
  });

  it('never accuses a country the labels do not', () => {
    expect(scores.find((score) => score.extractor === 'countries')?.falsePositives).toEqual([]);
  });
});

describe('the evaluation itself', () => {
  it('compares quotes without typography', () => {
    expect(normalizeQuote('“It’s over,”  ')).toBe("It's over");
    expect(normalizeQuote('not true.')).toBe(normalizeQuote('not true'));
  });

  it('compares groups of speakers in any order', () => {
    expect(normalizeSpeaker('FBI and CISA')).toBe(normalizeSpeaker('CISA and FBI'));
  });
});
