/**
 * The term index worker thread (started by sqlite-term-feed.ts): collects the words of the
 * passages it is sent, and on `finish` answers with the term index's rows, stemmed by FTS5 in a
 * database of its own, their typed arrays moved rather than copied.
 */
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { Stemmer } from './sqlite-stemmer.js';
import type { TermWorkerReply, TermWorkerRequest } from './sqlite-term-feed.js';
import { TermIndexBuilder, type TermIndexRows } from './sqlite-term-index.js';

const port = parentPort;
if (port === null) throw new Error('sqlite-term-worker.ts runs as a worker thread (see sqlite-term-feed.ts)');

const builder = new TermIndexBuilder();

port.on('message', (request: TermWorkerRequest) => {
  if ('passages' in request) {
    const { aids, texts } = request.passages;
    texts.forEach((text, i) => builder.addPassage(aids[i] ?? 0, text));
    return;
  }
  let reply: TermWorkerReply;
  let rows: TermIndexRows | undefined;
  try {
    const db = new Database(':memory:');
    const stemmer = new Stemmer(db);
    rows = builder.finish((words) => stemmer.stem(words));
    db.close();
    reply = { rows };
  } catch (error) {
    reply = { error: error instanceof Error ? error : new Error(String(error)) };
  }
  port.postMessage(reply, rows === undefined ? [] : buffersOf(rows));
});

/** The distinct buffers under the rows' typed arrays (each may be listed only once). */
function buffersOf(rows: TermIndexRows): ArrayBuffer[] {
  const arrays = Object.values(rows).filter((value) => ArrayBuffer.isView(value));
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}
