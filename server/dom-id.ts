/**
 * A stable element id for a value of any text (a facet value such as `U.S. "Cyber" Command`).
 * htmx moves focus back to the element with the focused element's id after a swap, so a checkbox
 * keeps focus across a facet toggle only if its id depends on its value, not on its position
 * (positions change as counts change).
 */
export function domId(prefix: string, value: string): string {
  const readable = value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 40);
  // FNV-1a keeps ids of values that read alike ("U.S." and "U S") apart.
  let hash = 0x811c9dc5;
  for (const char of value) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}-${readable ? `${readable}-` : ''}${hash.toString(36)}`;
}

/** Ids of one passage's citation panel and the slot it opens in, unique across articles on a page. */
export function citeIds(articleId: string, index: number): { slot: string; panel: string } {
  const panel = domId('cite', `${articleId}#p-${index}`);
  return { slot: `${panel}-slot`, panel };
}
