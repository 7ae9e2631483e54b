/**
 * `npm run index -- [--corpus DIR] [--strict] [--force]`: brings the search index up to date with
 * the corpus.
 * The work is in index-command.ts; this file only wires in the real engine and process.
 */
import { loadConfig } from '../engine/config.js';
import { createEngine } from '../engine/create-engine.js';
import { runIndexCommand } from './index-command.js';

process.exitCode = await runIndexCommand(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  // Config is read inside so that an invalid environment is reported like a usage error.
  openEngine: async () => createEngine(loadConfig(process.env), { role: 'admin' }),
});
