/**
 * One hierarchy for search failures. The server maps each class to an HTTP status in one place
 * (server/http-errors.ts); nothing else decides status codes.
 */
export class SearchError extends Error {
  override name = 'SearchError';
}

/** The request itself is wrong (bad parameter, unusable query): the user can fix it → 400. */
export class BadRequestError extends SearchError {
  override name = 'BadRequestError';
}

/** The engine cannot answer right now (index missing, server down) → 503. */
export class EngineUnavailableError extends SearchError {
  override name = 'EngineUnavailableError';
}

/** Configuration from the environment is invalid; the message lists every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** What went wrong, for a message to a person: an error's message, or whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
