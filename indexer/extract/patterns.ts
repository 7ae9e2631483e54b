/** Helpers to turn word lists into regular expressions. */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of literal phrases, longest first so "Islamic Republic of Iran" wins over "Islamic Republic". */
export function literalAlternation(phrases: readonly string[]): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => escapeRegExp(phrase).replace(/\s+/g, '\\s+').replace(/'/g, "['’]"))
    .join('|');
}

/**
 * Wraps a pattern so it only matches whole words. Unlike `\b` this works when the phrase starts
 * or ends with punctuation ("U.S.") and for letters outside ASCII.
 */
export function wholeWords(pattern: string): string {
  return `(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`;
}

/** One match of a `WholeWordFinder`: where it starts and the text it matched. */
export interface WordMatch {
  index: number;
  text: string;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/**
 * The matches of `new RegExp((notAfter ? '(?<!notAfter)' : '') + wholeWords(pattern), flags)`,
 * exactly as `matchAll` finds them (that regex is `regex`), only much faster. A pattern that starts
 * with a lookbehind keeps V8 from scanning ahead for the first letters of the alternation, so it
 * tries every position of the text; searching the alternation alone and checking the lookbehinds
 * only where it matches finds the same matches at a fraction of the cost. `notAfter` must match
 * text of at most `notAfterLength` UTF-16 units.
 */
export class WholeWordFinder {
  readonly regex: RegExp;
  private readonly core: RegExp;
  private readonly notAfter: RegExp | null;

  constructor(pattern: string, flags: string, notAfter: { pattern: string; length: number } | null = null) {
    this.regex = new RegExp((notAfter ? `(?<!${notAfter.pattern})` : '') + wholeWords(pattern), flags);
    const bare = flags.replace('g', '');
    this.core = new RegExp(`(?:${pattern})(?![\\p{L}\\p{N}])`, `${bare}g`);
    this.notAfter = notAfter ? new RegExp(`(?:${notAfter.pattern})$`, bare) : null;
    this.notAfterLength = notAfter?.length ?? 0;
  }

  private readonly notAfterLength: number;

  /** Every match, in order, as `text.matchAll(this.regex)` lists them. */
  *matches(text: string): Generator<WordMatch> {
    const { core } = this;
    core.lastIndex = 0;
    for (let match = core.exec(text); match !== null; match = core.exec(text)) {
      const at = match.index;
      if (this.startsWord(text, at)) {
        const found = { index: at, text: match[0] };
        const resume = core.lastIndex;
        yield found;
        core.lastIndex = resume;
      } else {
        // The lookbehinds fail at this position whatever follows: go on from the next character.
        core.lastIndex = at + ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
      }
    }
  }

  /** Whether the regex matches anywhere in `text`. */
  test(text: string): boolean {
    for (const _ of this.matches(text)) return true;
    return false;
  }

  /** `text.replace(this.regex, replace)`. */
  replace(text: string, replace: (matched: string) => string): string {
    let out = '';
    let from = 0;
    for (const { index, text: matched } of this.matches(text)) {
      out += text.slice(from, index) + replace(matched);
      from = index + matched.length;
    }
    return out + text.slice(from);
  }

  /** The lookbehinds of `regex` at `at`: no letter or number before, and not right after `notAfter`. */
  private startsWord(text: string, at: number): boolean {
    if (at > 0) {
      const unit = text.charCodeAt(at - 1);
      const isPair = unit >= 0xdc00 && unit <= 0xdfff && at > 1 && (text.codePointAt(at - 2) ?? 0) > 0xffff;
      if (LETTER_OR_NUMBER.test(isPair ? text.slice(at - 2, at) : text.charAt(at - 1))) return false;
    }
    return (
      this.notAfter === null || !this.notAfter.test(text.slice(Math.max(0, at - this.notAfterLength), at))
    );
  }
}

/** True for acronyms such as "FBI" or "MI5", which must match in capitals only. */
export function isAcronym(alias: string): boolean {
  return /^[A-Z][A-Z0-9&.]*[A-Z0-9.]$/.test(alias) && /[A-Z].*[A-Z0-9]/.test(alias);
}

/** Normalises matched text back to its lexicon key: single spaces, straight apostrophes. */
export function lexiconKey(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/’/g, "'");
}
