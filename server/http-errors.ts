import { BadRequestError, EngineUnavailableError } from '../engine/errors.js';

export interface HttpProblem {
  status: number;
  message: string;
}

/** Article ids are ours; an unknown one is the only "not found" the portal reports. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** One address made more searches than the rate limit allows (server/rate-limit.ts). */
export class TooManyRequestsError extends Error {
  override name = 'TooManyRequestsError';
}

function clientStatusOf(error: unknown): number | undefined {
  // Express and its parsers tag their own client errors (malformed URL encoding, …) with a 4xx status.
  if (typeof error !== 'object' || error === null) return undefined;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** The one place where failures become HTTP statuses and user-facing messages. */
export function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof BadRequestError) return { status: 400, message: error.message };
  if (error instanceof NotFoundError) return { status: 404, message: error.message };
  if (error instanceof TooManyRequestsError) return { status: 429, message: error.message };
  if (error instanceof EngineUnavailableError) {
    return { status: 503, message: `Search is unavailable right now: ${error.message}` };
  }
  const clientStatus = clientStatusOf(error);
  if (clientStatus !== undefined)
    return { status: clientStatus, message: 'The request could not be understood.' };
  return { status: 500, message: 'Something went wrong on our side. The error has been logged.' };
}
