import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the TypeScript module at `entry`. The code is TypeScript run through
 * tsx, and a worker gets neither the parent's module hooks nor, on Node 20, working ones from
 * `execArgv: ['--import', 'tsx']` for its entry file (https://github.com/nodejs/node/issues/47747),
 * so the worker registers tsx itself before importing its entry. That also makes it work under
 * vitest, whose parent has no tsx.
 */
export function startTsWorker(entry: URL): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code =
    `import(${JSON.stringify(tsx)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true });
}
