/**
 * A rebuild into fresh indexes, swapped in atomically. Searches read `<uid>` (and its `-articles`
 * and `-meta` companions) until `commit`, whose single swap task exchanges all three at once; the
 * old data then sits under the build's names and is deleted. `abort` deletes the build's indexes.
 * https://www.meilisearch.com/docs/reference/api/indexes/swap-indexes
 *
 * Every write waits on its task (`waitTask`, which polls the task route; never a timer of ours)
 * and a task that did not succeed becomes an error that says which step failed and why.
 * https://www.meilisearch.com/docs/learn/async/asynchronous_operations
 */
import { randomBytes } from 'node:crypto';
import type { EnqueuedTaskPromise, IndexSwap, Meilisearch, Task, WaitOptions } from 'meilisearch';
import type { Article, IndexBuild } from '../types.js';
import { classify, CONNECT_RETRIES, toBuildError, withRetries } from './meilisearch-errors.js';
import type { RetryOptions } from './meilisearch-errors.js';
import type { MetaDocument } from './meilisearch-mapping.js';
import {
  articleDocument,
  META_DOCUMENT_ID,
  passageDocuments,
  quoteDocuments,
  SCHEMA_VERSION,
} from './meilisearch-mapping.js';
import type { IndexNames } from './meilisearch-settings.js';
import {
  abandonedBuildIndexes,
  buildIndexNames,
  INDEX_KINDS,
  liveIndexNames,
  PRIMARY_KEY,
  SETTINGS,
} from './meilisearch-settings.js';

/**
 * Indexing a large batch can take minutes; a task still unfinished after this is reported as a
 * failure rather than waited on forever. Polling every 100 ms keeps the task route quiet.
 */
export const TASK_WAIT: WaitOptions = { timeout: 30 * 60 * 1000, interval: 100 };
/** Passage documents per request: about 10 MB, far below Meilisearch's 100 MB payload limit. */
export const PASSAGES_PER_REQUEST = 10_000;
/** Article documents (the whole article as JSON) per request. */
export const ARTICLES_PER_REQUEST = 200;

/** Why a task did not succeed, in one sentence. */
export function taskFailureMessage(
  task: Pick<Task, 'uid' | 'status' | 'type' | 'error'>,
  step: string,
): string {
  const reason = task.error ? `${task.error.message} (${task.error.code})` : `the task ended ${task.status}`;
  return `Meilisearch could not ${step}: ${reason} [task ${task.uid}, ${task.type}]`;
}

export interface BuildContext {
  client: Meilisearch;
  /** `MEILI_INDEX`: the live passage index. */
  uid: string;
  /** For messages only. */
  url: string;
  wait?: WaitOptions;
  retries?: RetryOptions;
  /** Asks Meilisearch whether it is up; default `client.health()`. Should time out quickly. */
  probe?: () => Promise<unknown>;
  now?: () => number;
}

type BuildState = 'open' | 'committed' | 'aborted';

export class MeilisearchIndexBuild implements IndexBuild {
  private state: BuildState = 'open';
  private readonly articleIds = new Set<string>();
  private passageCount = 0;

  constructor(
    private readonly context: BuildContext,
    readonly names: IndexNames,
    private readonly corpusFingerprint: string,
    private readonly onFinished: (build: MeilisearchIndexBuild) => void,
  ) {}

  async add(articles: readonly Article[]): Promise<void> {
    this.assertOpen('add to');
    for (const article of articles) {
      // Meilisearch would silently replace the first article; the embedded engine refuses too.
      if (this.articleIds.has(article.id))
        throw new Error(`cannot index article "${article.id}" (duplicate id)`);
      this.articleIds.add(article.id);
    }
    const passages = articles.flatMap(passageDocuments);
    const quotes = articles.flatMap(quoteDocuments);
    const index = (name: string) => this.context.client.index(name);
    await this.wait('add the documents', [
      ...index(this.names.passages).addDocumentsInBatches(passages, PASSAGES_PER_REQUEST, {
        primaryKey: PRIMARY_KEY,
      }),
      ...index(this.names.quotes).addDocumentsInBatches(quotes, PASSAGES_PER_REQUEST, {
        primaryKey: PRIMARY_KEY,
      }),
      ...index(this.names.articles).addDocumentsInBatches(
        articles.map(articleDocument),
        ARTICLES_PER_REQUEST,
        {
          primaryKey: PRIMARY_KEY,
        },
      ),
    ]);
    this.passageCount += passages.length;
  }

  async commit(): Promise<void> {
    this.assertOpen('commit');
    try {
      const meta: MetaDocument = {
        id: META_DOCUMENT_ID,
        schemaVersion: SCHEMA_VERSION,
        builtAt: new Date(this.now()).toISOString(),
        corpusFingerprint: this.corpusFingerprint,
        articles: this.articleIds.size,
        passages: this.passageCount,
      };
      await this.wait('record the build', [
        this.context.client.index(this.names.meta).addDocuments([meta], { primaryKey: PRIMARY_KEY }),
      ]);
      await this.swapIn();
    } catch (error) {
      // The failure is what the operator needs to see; a failing cleanup must not replace it.
      await this.discard().catch(() => undefined);
      this.onFinished(this);
      throw toBuildError(error, this.context.url);
    }
    this.state = 'committed';
    this.onFinished(this);
    // The build's names now hold the previous data (or nothing, after a rename). A failed delete is
    // not a failed build: the new index is live, and the next build removes leftovers older than a day.
    await deleteIndexes(this.context, Object.values(this.names)).catch(() => undefined);
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    try {
      await this.discard();
    } finally {
      this.onFinished(this);
    }
  }

  /** One swap task for every pair, so searches see all the old indexes or all the new ones, never a mix. */
  private async swapIn(): Promise<void> {
    const swaps = await swapsFor(this.context, this.names);
    await this.wait('swap the new index in', [this.context.client.swapIndexes(swaps)]);
  }

  private async discard(): Promise<void> {
    this.state = 'aborted';
    await deleteIndexes(this.context, Object.values(this.names));
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open') throw new Error(`cannot ${action} an index build that was ${this.state}`);
  }

  private now(): number {
    return (this.context.now ?? Date.now)();
  }

  private async wait(step: string, tasks: EnqueuedTaskPromise[]): Promise<void> {
    await waitForAll(this.context, step, tasks);
  }
}

/** Waits for every task; the first that did not succeed is thrown, after all have settled. */
async function waitForAll(
  context: BuildContext,
  step: string,
  tasks: EnqueuedTaskPromise[],
): Promise<Task[]> {
  const settled = await Promise.allSettled(tasks.map((task) => task.waitTask(context.wait ?? TASK_WAIT)));
  const done: Task[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw toBuildError(outcome.reason, context.url);
    if (outcome.value.status !== 'succeeded') throw new Error(taskFailureMessage(outcome.value, step));
    done.push(outcome.value);
  }
  return done;
}

/** Whether an index exists, asked by its uid (a listing comes in pages and could miss it). */
export async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getRawIndex(uid);
    return true;
  } catch (error) {
    if (classify(error).kind === 'no-index') return false;
    throw error;
  }
}

/**
 * The swaps that put a build's indexes live. A live index that does not exist yet (first build) is
 * created by renaming the build's (`rename`, Meilisearch ≥ 1.18), which swapping would refuse.
 * https://www.meilisearch.com/docs/reference/api/indexes/swap-indexes
 */
export async function swapsFor(
  context: Pick<BuildContext, 'client' | 'uid'>,
  build: IndexNames,
): Promise<IndexSwap[]> {
  const live = liveIndexNames(context.uid);
  return Promise.all(
    INDEX_KINDS.map(async (kind) => ({
      indexes: [build[kind], live[kind]] as [string, string],
      rename: !(await indexExists(context.client, live[kind])),
    })),
  );
}

const INDEXES_PER_PAGE = 1000;

/** Every index uid on the server, page by page. */
async function listIndexUids(context: BuildContext): Promise<string[]> {
  const uids: string[] = [];
  for (let offset = 0; ; offset += INDEXES_PER_PAGE) {
    const page = await context.client.getRawIndexes({ offset, limit: INDEXES_PER_PAGE });
    uids.push(...page.results.map((index) => index.uid));
    if (page.results.length < INDEXES_PER_PAGE || uids.length >= page.total) return uids;
  }
}

/** Deletes indexes, waiting; an index that is already gone is fine. */
async function deleteIndexes(context: BuildContext, uids: readonly string[]): Promise<void> {
  const settled = await Promise.allSettled(
    uids.map((uid) => context.client.deleteIndex(uid).waitTask(context.wait ?? TASK_WAIT)),
  );
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw toBuildError(outcome.reason, context.url);
    const task = outcome.value;
    if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') {
      throw new Error(taskFailureMessage(task, 'delete an index'));
    }
  }
}

async function createIndexes(context: BuildContext, names: IndexNames): Promise<void> {
  await waitForAll(
    context,
    'create the build indexes',
    INDEX_KINDS.map((kind) => context.client.createIndex(names[kind], { primaryKey: PRIMARY_KEY })),
  );
  // Settings before documents: Meilisearch then indexes each document once, with the final settings.
  // https://www.meilisearch.com/docs/learn/relevancy/distinct_attribute (the warning on updating settings)
  await waitForAll(
    context,
    'apply the index settings',
    INDEX_KINDS.map((kind) => context.client.index(names[kind]).updateSettings(SETTINGS[kind])),
  );
}

/**
 * Starts a build: waits for Meilisearch to answer (bounded exponential backoff), removes builds
 * abandoned more than a day ago, creates the build's indexes with their settings.
 */
export async function startBuild(
  context: BuildContext,
  corpusFingerprint: string,
  onFinished: (build: MeilisearchIndexBuild) => void,
): Promise<MeilisearchIndexBuild> {
  const retries = context.retries ?? CONNECT_RETRIES;
  try {
    // /health needs no key; listing indexes then proves the key may administer indexes.
    await withRetries(context.probe ?? (() => context.client.health()), retries);
  } catch (error) {
    const reason = toBuildError(error, context.url);
    const afterRetries =
      classify(error).kind === 'auth' ? '' : ` (gave up after ${retries.attempts} attempts)`;
    throw new Error(`${reason.message}${afterRetries}`, { cause: error });
  }
  const now = (context.now ?? Date.now)();
  try {
    await deleteIndexes(context, abandonedBuildIndexes(context.uid, await listIndexUids(context), now));
  } catch (error) {
    throw toBuildError(error, context.url);
  }
  const names = buildIndexNames(context.uid, now, randomBytes(6).toString('hex'));
  try {
    await createIndexes(context, names);
  } catch (error) {
    await deleteIndexes(context, Object.values(names)).catch(() => undefined);
    throw toBuildError(error, context.url);
  }
  return new MeilisearchIndexBuild(context, names, corpusFingerprint, onFinished);
}
