/**
 * Stopping without cutting anyone off: stop accepting connections, let the requests in flight
 * finish (an export may be streaming), close keep-alive connections as soon as they fall idle,
 * and close whatever is still open once the grace period is over.
 * https://nodejs.org/api/http.html#serverclosecallback
 */
import type http from 'node:http';

export interface ShutdownOutcome {
  /** Requests still running when the grace period ended; their connections were closed. */
  cut: number;
}

export interface GracefulServer {
  /** Resolves once the server has closed (after at most `graceMs` plus the closing itself). */
  shutdown(graceMs: number): Promise<ShutdownOutcome>;
  /** Requests being answered right now. */
  readonly inFlight: number;
}

/** Tracks `server`'s requests from now on, so that `shutdown` knows what is still running. */
export function trackRequests(server: http.Server): GracefulServer {
  const open = new Set<http.ServerResponse>();
  let closing = false;

  /** An answer not started yet tells a keep-alive client not to send another request here. */
  const lastOnItsConnection = (res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };

  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    open.add(res);
    if (closing) lastOnItsConnection(res);
    res.once('close', () => {
      open.delete(res);
      // Node's close() only closes connections idle at that moment; this one just became idle.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });

  return {
    get inFlight() {
      return open.size;
    },
    shutdown(graceMs) {
      closing = true;
      open.forEach(lastOnItsConnection);
      return new Promise((resolve) => {
        let cut = 0;
        const timer = setTimeout(() => {
          cut = open.size;
          server.closeAllConnections();
        }, graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve({ cut });
        });
      });
    },
  };
}
