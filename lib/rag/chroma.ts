import "server-only";
import { createHash } from "node:crypto";
import { ChromaClient, type Collection, type Metadata, type Where } from "chromadb";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { env } from "@/lib/config/env";
import { LOCAL_COLLECTION } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { withTimeout } from "@/lib/with-timeout";

export type ChunkMetadata = {
  documentId: string;
  documentName: string;
  chunkIndex: number;
  /** 0 when the format has no pages (Chroma metadata cannot hold null). */
  page: number;
  pageEnd: number;
  tokens: number;
  /** The headings above the chunk ("3 Format > 3.2 Rules"); absent on chunks stored before it was kept. */
  section?: string;
};

/** A chunk's id in Chroma: its document and its place in it. */
export function chunkId(documentId: string, chunkIndex: number): string {
  return `${documentId}:${chunkIndex}`;
}

export type ChunkRecord = { id: string; text: string; embedding: number[]; metadata: ChunkMetadata };

export type ChunkMatch = { id: string; text: string; metadata: ChunkMetadata; distance: number };

export const REINDEX_COMMAND = "npm run reindex";

/** A call that takes longer than this has met a server that accepts connections but no longer answers. */
const CALL_TIMEOUT_MS = 60_000;

/**
 * Runs a Chroma call; a failure of the store becomes a 503 a person can act on, not a 500, and a
 * server that stops answering fails the call after a minute instead of holding it (and an indexing
 * job) forever.
 */
async function storeCall<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(call(), CALL_TIMEOUT_MS, `no answer within ${CALL_TIMEOUT_MS / 1000} s`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The server went away (the launcher restarts a local one): reopen the collections once it is back
    // rather than keep handles from before. By name, since the package may be loaded more than once.
    if (error instanceof Error && error.name === "ChromaConnectionError") forgetCollections();
    throw new AppError(
      "upstream_unavailable",
      `The Chroma vector store failed while ${action}. Check that it is running; /api/health shows its status.`,
      { cause: error },
    );
  }
}

/**
 * Sends vectors as plain JSON numbers. The chromadb client packs them to base64 byte by byte in
 * JavaScript when the server allows it, and otherwise serialises bodies with a replacer function
 * that V8 calls for every number: 90–120 ms of the main thread per 64 offline vectors of 2,048
 * dimensions, against 43 ms as plain JSON (measured here against the local server). The offline
 * embedder's vectors are mostly zeros, so JSON is the smaller body too; model vectors stay base64.
 */
class JsonVectorsClient extends ChromaClient {
  constructor(args: ConstructorParameters<typeof ChromaClient>[0]) {
    super(args);
    // The replacer only turns bigints into strings, and no body of ours holds one. `apiClient` is
    // private in chromadb 3.5.0 (pinned in package.json); the ingestion tests go through it.
    (this as unknown as { apiClient: { setConfig(config: object): void } }).apiClient.setConfig({
      bodySerializer: (body: unknown) => JSON.stringify(body),
    });
  }

  override async supportsBase64Encoding() {
    return false;
  }
}

export function chromaClient({ jsonVectors = false } = {}): ChromaClient {
  const { CHROMA_URL, CHROMA_API_KEY, CHROMA_TENANT, CHROMA_DATABASE } = env();
  if (!CHROMA_URL) {
    throw new AppError(
      "upstream_unavailable",
      "No Chroma server is configured. Start the app with `npm start` (it runs Chroma itself) or set CHROMA_URL.",
    );
  }
  const url = new URL(CHROMA_URL);
  const ssl = url.protocol === "https:";
  return new (jsonVectors ? JsonVectorsClient : ChromaClient)({
    host: url.hostname,
    port: url.port ? Number(url.port) : ssl ? 443 : 80,
    ssl,
    tenant: CHROMA_TENANT,
    database: CHROMA_DATABASE,
    headers: CHROMA_API_KEY ? { "x-chroma-token": CHROMA_API_KEY } : undefined,
  });
}

function mismatchError(collection: Collection, embedder: Embedder) {
  const stored = collection.metadata?.embedder;
  const dimension = collection.metadata?.dimension;
  return new AppError(
    "embedder_mismatch",
    `The document index was built with the embedder "${stored}" (${dimension} dimensions), but the app is ` +
      `configured for "${embedder.id}". Vectors of different embedders cannot be mixed. Run \`${REINDEX_COMMAND}\` ` +
      "to re-embed every stored document with the configured embedder, or restore the previous embedding settings.",
  );
}

/** Opened collections by name and embedder; dropped when Chroma fails, so they are opened again. */
const openedCollections = () =>
  processState("chromaCollections", () => new Map<string, Promise<Collection>>());

function openCollection(embedder: Embedder, name: string): Promise<Collection> {
  return storeCall("opening the chunk collection", () => openOrCreate(embedder, name));
}

async function openOrCreate(embedder: Embedder, name: string): Promise<Collection> {
  const client = chromaClient({ jsonVectors: embedder.offline });
  const metadata: Metadata = {
    embedder: embedder.id,
    dimension: embedder.dimension ?? 0,
    space: embedder.space,
  };
  const collection = await client.getOrCreateCollection({
    name,
    embeddingFunction: null,
    configuration: { hnsw: { space: embedder.space } },
    metadata,
  });
  if (collection.metadata?.embedder === embedder.id) return collection;
  // An empty collection made for another embedder can simply be recreated for this one.
  if ((await collection.count()) === 0) {
    await client.deleteCollection({ name });
    return client.createCollection({
      name,
      embeddingFunction: null,
      configuration: { hnsw: { space: embedder.space } },
      metadata,
    });
  }
  throw mismatchError(collection, embedder);
}

/**
 * Where an app collection's chunks go in Chroma: what was made without accounts in the configured
 * collection (suffix ""), every other app collection in one of its own, so that a search reads only
 * the collections a person may read, each unfiltered when all of it is readable (at 100,000 chunks
 * over 50 collections that took 25 ms where one collection filtered by `$in` took 135–145 ms;
 * `npm run bench:permissions`).
 */
export function chromaSuffixFor(collectionId: string): string {
  if (collectionId === LOCAL_COLLECTION) return "";
  return createHash("sha256").update(collectionId).digest("hex").slice(0, 16);
}

/** The Chroma collection name of a suffix. */
export function chromaName(suffix: string): string {
  const base = env().CHROMA_COLLECTION;
  return suffix ? `${base}-${suffix}` : base;
}

/** The collection that holds a document's chunks. */
export function documentChunkCollection(embedder: Embedder, document: { chromaCollection: string }) {
  return chunkCollection(embedder, chromaName(document.chromaCollection));
}

/** The chunk collection for the configured embedder; refuses a collection built by another one. */
export function chunkCollection(embedder: Embedder, name = env().CHROMA_COLLECTION): Promise<Collection> {
  const collections = openedCollections();
  const key = `${name}:${embedder.id}`;
  let opened = collections.get(key);
  if (!opened) {
    opened = openCollection(embedder, name).catch((error) => {
      collections.delete(key);
      throw error;
    });
    collections.set(key, opened);
  }
  return opened;
}

export function forgetCollections() {
  openedCollections().clear();
}

/** Records a remote embedder's dimension on the collection the first time vectors are written. */
export async function recordDimension(collection: Collection, dimension: number) {
  const stored = Number(collection.metadata?.dimension ?? 0);
  if (stored === dimension) return;
  if (stored !== 0) {
    throw new AppError(
      "embedder_mismatch",
      `The embedder returned ${dimension}-dimensional vectors but the index holds ${stored}-dimensional ones. ` +
        `Run \`${REINDEX_COMMAND}\` to rebuild the index.`,
    );
  }
  const metadata = { ...collection.metadata, dimension };
  await storeCall("recording the embedding dimension", () => collection.modify({ metadata }));
  collection.metadata = metadata;
}

export async function addChunks(collection: Collection, records: ChunkRecord[]) {
  if (records.length === 0) return;
  await storeCall("storing chunks", () =>
    collection.add({
      ids: records.map((record) => record.id),
      embeddings: records.map((record) => record.embedding),
      documents: records.map((record) => record.text),
      metadatas: records.map((record) => record.metadata),
    }),
  );
}

export async function deleteDocumentChunks(collection: Collection, documentId: string) {
  await storeCall("deleting chunks", () => collection.delete({ where: { documentId } }));
}

/** A document's chunks (all of them, or the first `limit`), ids beside texts, read in pages of 1,000. */
async function documentChunks(
  collection: Collection,
  documentId: string,
  limit = Infinity,
): Promise<{ ids: string[]; texts: string[] }> {
  const ids: string[] = [];
  const texts: string[] = [];
  for (let offset = 0; offset < limit; offset += 1000) {
    const size = Math.min(1000, limit - offset);
    const page = await storeCall("reading chunks", () =>
      collection.get({ where: { documentId }, include: ["documents"], limit: size, offset }),
    );
    page.ids.forEach((id, n) => {
      ids.push(id);
      texts.push(page.documents[n] ?? "");
    });
    if (page.ids.length < size) break;
  }
  return { ids, texts };
}

/** A document's chunk texts (all of them, or the first `limit`). */
export async function documentChunkTexts(collection: Collection, documentId: string, limit = Infinity) {
  return (await documentChunks(collection, documentId, limit)).texts;
}

function scopeFilter(documentIds: string[] | null): Where | undefined {
  if (!documentIds) return undefined;
  return documentIds.length === 1 ? { documentId: documentIds[0] } : { documentId: { $in: documentIds } };
}

/** Chunks by id, with texts and metadata, in the order asked (ids Chroma does not hold are left out). */
export async function getChunks(collection: Collection, ids: string[]): Promise<ChunkMatch[]> {
  if (ids.length === 0) return [];
  const result = await storeCall("reading chunks", () =>
    collection.get<ChunkMetadata>({ ids, include: ["documents", "metadatas"] }),
  );
  const byId = new Map(
    result.ids.map((id, n) => [
      id,
      { id, text: result.documents[n] ?? "", metadata: result.metadatas[n] as ChunkMetadata, distance: 0 },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every vector in the scope (all chunks when null), page by page, with its id. */
export async function* scopeVectors(
  collection: Collection,
  documentIds: string[] | null,
  pageSize = 1000,
): AsyncGenerator<{ ids: string[]; embeddings: number[][] }> {
  const where = scopeFilter(documentIds);
  for (let offset = 0; ; offset += pageSize) {
    const page = await storeCall("reading vectors", () =>
      collection.get({ where, include: ["embeddings"], limit: pageSize, offset }),
    );
    yield { ids: page.ids, embeddings: page.embeddings as number[][] };
    if (page.ids.length < pageSize) return;
  }
}

export async function queryChunks(
  collection: Collection,
  { embedding, topK, documentIds }: { embedding: number[]; topK: number; documentIds: string[] | null },
): Promise<ChunkMatch[]> {
  const where = scopeFilter(documentIds);
  const result = await storeCall("searching", () =>
    collection.query<ChunkMetadata>({
      queryEmbeddings: [embedding],
      nResults: topK,
      where,
      include: ["documents", "metadatas", "distances"],
    }),
  );
  return result.rows()[0].map((row) => ({
    id: row.id,
    text: row.document ?? "",
    metadata: row.metadata as ChunkMetadata,
    distance: row.distance ?? 0,
  }));
}
