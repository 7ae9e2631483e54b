import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Everything the pages load comes from the portal itself, so the policy can be 'self' only, with no
 * 'unsafe-inline' and no 'unsafe-eval': htmx runs with `allowEval: false` and
 * `includeIndicatorStyles: false` (see views/layout.eta), behaviour lives in public/*.js and no
 * template uses `hx-on` or a `style` attribute. A stray inline script, style or outside request is
 * then blocked by the browser and shows up in the browser tests.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Helmet's sensible defaults (nosniff, referrer policy, frame options, …) with our own CSP.
 * HSTS stays off: whether the portal is served over HTTPS is the deployment's business, and a
 * newsroom intranet over plain HTTP must not be locked out for a year by one header.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: false,
    // Passage links into the original article send no more than the origin.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}
