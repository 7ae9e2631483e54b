import type { Request } from 'express';

/** The portal's own address as the browser sees it (behind a proxy, see `trust proxy` in app.ts). */
export function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
