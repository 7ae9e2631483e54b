/**
 * Searches and API calls per client address, counted in a fixed window in this process's memory
 * (one portal process; several behind a load balancer would each count their own share).
 * https://express-rate-limit.mintlify.app/reference/configuration
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { TooManyRequestsError } from './http-errors.js';

export interface RateLimitOptions {
  /** Requests one address may make per window. */
  requests: number;
  windowMs: number;
}

/** "a minute", "10 seconds", "2 hours": the window as the message states it. */
function describeWindow(windowMs: number): string {
  const units: [number, string][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (windowMs % size !== 0) continue;
    const count = windowMs / size;
    return count === 1 ? `a ${unit}` : `${count} ${unit}s`;
  }
  return `${windowMs} ms`;
}

/**
 * The limiter for search pages and the API. Over the limit, the request becomes a
 * TooManyRequestsError, so the one error handler answers it like any other failure: JSON for the
 * API, the error partial for htmx, the error page otherwise. Every answer carries the draft-8
 * `RateLimit` and `RateLimit-Policy` headers; a refusal also carries `Retry-After` (seconds).
 * The client is `req.ip`, which follows X-Forwarded-For only from the proxies `trust proxy` names.
 */
export function searchRateLimit({ requests, windowMs }: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs,
    limit: requests,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res, next) => {
      const retryAfter = Number(res.getHeader('Retry-After'));
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? ` Try again in ${retryAfter} s.` : '';
      next(
        new TooManyRequestsError(
          `Too many searches from your address: at most ${requests} in ${describeWindow(windowMs)}.${wait}`,
        ),
      );
    },
  });
}
