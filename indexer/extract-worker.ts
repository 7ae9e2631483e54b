/**
 * An extraction worker thread (started by extract-pool.ts): extracts each batch of units it is
 * sent and answers with the JSON of every outcome, in the batch's order. JSON rather than the
 * objects themselves: the main thread parses it in about half the time it takes to deserialise
 * the same objects from a message, and the extraction cache stores exactly this text.
 */
import { parentPort } from 'node:worker_threads';
import { unpackUnits } from './extract-batch.js';
import type { ExtractReply, ExtractRequest } from './extract-pool.js';
import { extractUnit } from './extract-unit.js';
import { messageOf } from '../engine/errors.js';

const port = parentPort;
if (port === null) throw new Error('extract-worker.ts runs as a worker thread (see extract-pool.ts)');

port.on('message', ({ id, packed }: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    reply = { id, outcomes: unpackUnits(packed).map((unit) => JSON.stringify(extractUnit(unit))) };
  } catch (error) {
    reply = { id, error };
  }
  try {
    port.postMessage(reply);
  } catch (cloneError) {
    // Something thrown that cannot cross threads (an object with functions, say): its message can.
    port.postMessage({ id, error: new Error(messageOf('error' in reply ? reply.error : cloneError)) });
  }
});
