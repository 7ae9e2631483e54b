/**
 * A facet value as filters compare it: trimmed, lowercase, accents and compatibility forms folded,
 * so `john ratcliffe` selects "John Ratcliffe". Meilisearch compares filter values the same way
 * (its `normalize_facet`), so both engines and the pages agree on what a typed value selects.
 */
export function facetKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
}
