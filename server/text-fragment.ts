/**
 * Links into the original article that scroll to a passage and highlight it, with a text fragment
 * (`#:~:text=start,end`). Browsers without support simply open the page.
 * https://wicg.github.io/scroll-to-text-fragment/
 */

/** Words used for each end of a long passage: enough to be unique, few enough to survive small edits. */
export const FRAGMENT_WORDS = 5;

/** Only web addresses become links: a corpus `url` could be anything (`javascript:` included). */
export function safeHttpUrl(url: string | null): URL | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Percent-encodes a fragment term. `encodeURIComponent` leaves `-` alone, but in a text directive `-`
 * marks a prefix or suffix (and `,` and `&` separate parts), so it must be encoded too.
 */
export function encodeFragmentTerm(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

/**
 * Our passages are cleaned text, so quotes and other punctuation at the edges may differ from the
 * page; a match must also start and end on word boundaries. Edge punctuation is left out.
 */
function trimEdgePunctuation(text: string): string {
  return text.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, '');
}

/** The `text=` directive for a passage: the whole text when short, else its first and last words. */
export function textDirective(passageText: string): string | null {
  const words = passageText.split(/\s+/u).filter((word) => word !== '');
  if (words.length <= FRAGMENT_WORDS * 2) {
    const whole = trimEdgePunctuation(words.join(' '));
    return whole ? `text=${encodeFragmentTerm(whole)}` : null;
  }
  const start = trimEdgePunctuation(words.slice(0, FRAGMENT_WORDS).join(' '));
  const end = trimEdgePunctuation(words.slice(-FRAGMENT_WORDS).join(' '));
  if (!start || !end) return null;
  return `text=${encodeFragmentTerm(start)},${encodeFragmentTerm(end)}`;
}

/** The original article's address with a text fragment for the passage, or null when unknown or unsafe. */
export function passageInOriginal(articleUrl: string | null, passageText: string): string | null {
  const url = safeHttpUrl(articleUrl);
  if (!url) return null;
  url.hash = '';
  const directive = textDirective(passageText);
  return directive ? `${url.href}#:~:${directive}` : url.href;
}
