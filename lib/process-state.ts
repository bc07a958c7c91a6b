import "server-only";

/**
 * The process-wide state of the server, in one place. Each entry must outlive a request; they are
 * kept on globalThis because `next dev` reloads modules, and a reloaded module must find the same
 * database, pools and caches rather than open second ones.
 */
const ENTRIES = {
  /** The database connection: the embedded PGlite owns its folder, so there is exactly one. */
  database: true,
  /** The configured embedder (its HTTP client, or the offline embedder's state). */
  embedder: true,
  /** The configured chat model's provider. */
  chatModel: true,
  /** Opened Chroma collections by name and embedder; dropped when Chroma fails, so they reopen. */
  chromaCollections: true,
  /** The worker-thread pool that extracts and chunks documents. */
  ingestPool: true,
  /** The worker thread that reads a document's text for the viewer. */
  textPool: true,
  /** Documents' text recently read for the viewer. */
  documentTexts: true,
  /** This process's ingestion worker: the loop that claims jobs from the queue. */
  ingestRunner: true,
  /** This process's copy of the lexical index, kept in step with the database. */
  lexicalIndex: true,
  /** The model reranker's orderings of recent searches. */
  rerankCache: true,
  /** Rate-limit windows counted in this process (with PGlite, the only process). */
  rateLimitWindows: true,
  /** When expired rate-limit windows were last swept. */
  rateLimitCleanupAt: true,
  /** Better Auth on the database (accounts mode). */
  auth: true,
} as const;

export type ProcessStateKey = keyof typeof ENTRIES;

const holder = globalThis as typeof globalThis & { __dbrxDocsChat?: Map<ProcessStateKey, unknown> };

function entries(): Map<ProcessStateKey, unknown> {
  holder.__dbrxDocsChat ??= new Map();
  return holder.__dbrxDocsChat;
}

/** The entry under `key`, created by `create` on first use. */
export function processState<T>(key: ProcessStateKey, create: () => T): T {
  const map = entries();
  if (!map.has(key)) map.set(key, create());
  return map.get(key) as T;
}

export function peekProcessState<T>(key: ProcessStateKey): T | undefined {
  return entries().get(key) as T | undefined;
}

export function setProcessState(key: ProcessStateKey, value: unknown) {
  entries().set(key, value);
}

export function forgetProcessState(key: ProcessStateKey) {
  entries().delete(key);
}
