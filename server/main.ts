import { loadConfig } from '../engine/config.js';
import { createEngine } from '../engine/create-engine.js';
import { ConfigError } from '../engine/errors.js';
import { createApp } from './app.js';
import { ensureFreshIndex } from './ensure-index.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const engine = await createEngine(config);
  if (config.engine === 'sqlite') {
    const { rejected } = await ensureFreshIndex(engine, config);
    if (rejected.length > 0)
      console.warn(`Serving every valid article; ${rejected.length} left out (listed above).`);
  }
  const server = createApp({ engine }).listen(config.port, config.host, () => {
    console.log(`Interference Search (${engine.name}) is ready at http://${config.host}:${config.port}/`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use (set PORT to another one)`
        : error.message;
    console.error(`Cannot listen on ${config.host}:${config.port}: ${reason}`);
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing open requests, then closing.`);
    server.close(() => {
      void engine.close().finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
