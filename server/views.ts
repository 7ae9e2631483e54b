import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

const viewsDir = fileURLToPath(new URL('../views', import.meta.url));

/**
 * Eta escapes every `<%= %>` output; `<%~ %>` is kept for HTML we built ourselves
 * (highlighted passages, which are escaped before `<mark>` is added, and included partials).
 */
export function createViews(): Eta {
  return new Eta({ views: viewsDir, cache: process.env.NODE_ENV !== 'development', autoEscape: true });
}
