import type { Server } from 'node:http';
import { loadConfig } from '../engine/config.js';
import { createEngine } from '../engine/create-engine.js';
import { ConfigError } from '../engine/errors.js';
import type { SearchEngine } from '../engine/types.js';
import { createApp } from './app.js';
import { ensureFreshIndex } from './ensure-index.js';
import { trackRequests, type GracefulServer } from './graceful-shutdown.js';
import { createPortalServer } from './http-server.js';

/** What a stop signal has to close; the server exists only once the index is ready. */
interface Running {
  engine: SearchEngine | null;
  server: { http: Server; graceful: GracefulServer } | null;
  /** Set by the first signal: failures of work it interrupts (an aborted build) are expected. */
  stopping: boolean;
}

const running: Running = { engine: null, server: null, stopping: false };

/**
 * SIGTERM (or Ctrl-C): stop accepting, let open requests finish within the grace period, close the
 * engine (the SQLite file is closed cleanly, an unfinished build is discarded), exit 0. A second
 * signal does not wait any longer.
 */
function stopOnSignals(graceMs: number): void {
  const stop = async (signal: string) => {
    if (running.stopping) {
      console.log(`${signal} again: closing every connection now.`);
      running.server?.http.closeAllConnections();
      return;
    }
    running.stopping = true;
    const open = running.server?.graceful.inFlight ?? 0;
    console.log(`${signal}: no new connections; finishing ${open} open request(s), then closing.`);
    if (running.server) {
      const { cut } = await running.server.graceful.shutdown(graceMs);
      if (cut > 0)
        console.warn(`${cut} request(s) were still running after ${graceMs / 1000} s and were cut.`);
    }
    await running.engine?.close();
    console.log('Closed.');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (name) => void stop(name));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // From the start: a stop during the first indexing closes the engine, which discards the build.
  stopOnSignals(config.limits.shutdownGraceMs);
  const engine = await createEngine(config);
  running.engine = engine;
  if (config.engine === 'sqlite') {
    const { rejected } = await ensureFreshIndex(engine, config);
    if (rejected.length > 0)
      console.warn(`Serving every valid article; ${rejected.length} left out (listed above).`);
  }
  const app = createApp({
    engine,
    rateLimit: config.limits.rateLimit,
    searchTimeoutMs: config.limits.searchTimeoutMs,
    maxExportPassages: config.limits.maxExportPassages,
  });
  const server = createPortalServer(app, { requestTimeoutMs: config.limits.requestTimeoutMs });
  running.server = { http: server, graceful: trackRequests(server) };
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use (set PORT to another one)`
        : error.message;
    console.error(`Cannot listen on ${config.host}:${config.port}: ${reason}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Interference Search (${engine.name}) is ready at http://${config.host}:${port}/`);
  });
}

main().catch((error: unknown) => {
  // The stop handler closed what main was using, and exits by itself.
  if (running.stopping) return;
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
