const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * ICU ends a sentence at an abbreviation followed by a capital ("The U.S. National Intelligence
 * Director"), which cuts news text in the wrong places; a segment ending in one of these is
 * glued to the next one.
 */
const ABBREVIATION_AT_END =
  /(?:^|[\s(“"'‘])(?:U\.S|U\.K|U\.N|E\.U|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s*$/;

/**
 * Splits text into sentences with `Intl.Segmenter`, keeping common abbreviations inside their
 * sentence. Sentences are trimmed; empty ones are dropped.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of segmenter.segment(text)) {
    pending += segment;
    if (!ABBREVIATION_AT_END.test(pending)) {
      pushTrimmed(sentences, pending);
      pending = '';
    }
  }
  pushTrimmed(sentences, pending);
  return sentences;
}

function pushTrimmed(sentences: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed !== '') sentences.push(trimmed);
}
