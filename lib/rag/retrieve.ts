import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { env } from "@/lib/config/env";
import { getConnection } from "@/lib/db/client";
import type { LexicalIndex } from "@/lib/lexical/lexical-index";
import { lexicalIndex } from "@/lib/lexical/synced-index";
import { chunkHeading } from "@/lib/text/contextual-text";
import { loadSynonyms } from "@/lib/text/synonyms";
import { Timings } from "@/lib/timings";
import { type ChunkMatch, chunkId } from "./chroma";
import { chromaScope, chunksById, denseSearch } from "./chroma-scope";
import { fuseRankings, fuseScores } from "./fusion";
import { queryTerms } from "./query-terms";
import { configuredRerank, type RerankKind, rerankCandidates } from "./rerank";
import type { RetrievedChunk, SearchMethod, SearchMode } from "./types";

export type { RetrievedChunk } from "./types";

export type Retrieval = {
  chunks: RetrievedChunk[];
  /** "exact" when every index used was searched exhaustively; "approximate" when Chroma's HNSW index ran. */
  search: SearchMode;
  methods: SearchMethod[];
  reranked: RerankKind | null;
};

export type RetrieveOptions = {
  query: string;
  topK: number;
  documentIds?: string[];
  /** Score every vector in the scope; by default only scopes of up to EXACT_SEARCH_MAX_CHUNKS chunks are. */
  exact?: boolean;
  /** The configured reranker (RERANK) by default; null for none. */
  rerank?: RerankKind | null;
  /** Lexical, and dense when a model embeds, by default. */
  methods?: SearchMethod[];
  /** Expand the lexical query with synonyms (by default when the lexical side searches alone). */
  expand?: boolean;
  /** How hybrid results are fused: reciprocal rank (the default) or a weighted sum of scores (the eval's comparison). */
  fusion?: "rrf" | "weighted";
  /** Dense matches under this cosine similarity are dropped (chat's floor for irrelevant passages). */
  minSimilarity?: number;
  signal?: AbortSignal;
  /** Where the search's time goes, by phase: sync, lexical, dense, texts, rerank. */
  timings?: Timings;
};

/** The methods a search uses by default: offline, the exact lexical index alone leads (see the eval). */
function defaultMethods(): SearchMethod[] {
  return getEmbedder().offline ? ["lexical"] : ["lexical", "dense"];
}

/**
 * The stored passages that answer a query, best first: the exact lexical index and, with a model
 * embedder, Chroma's dense search, fused by reciprocal rank, then reranked. Only searchable (ready)
 * documents are searched; `documentIds` narrows the search inside each index. A search costs one
 * read of the database's search version, the in-memory lexical search, and one request to Chroma
 * per index it uses (the dense query; a read of the texts of lexical hits not already returned),
 * plus what a reranker adds.
 */
export async function retrieve(options: RetrieveOptions): Promise<Retrieval> {
  const { query, topK, signal, timings = new Timings() } = options;
  const config = env();
  const embedder = getEmbedder();
  const methods = options.methods ?? defaultMethods();
  const rerank = options.rerank === undefined ? configuredRerank() : options.rerank;
  const searchable = await timings.measure("sync", async () => lexicalIndex().fresh(await getConnection()));
  const { index } = searchable;
  const scope = options.documentIds ? [...new Set(options.documentIds)].filter((id) => index.has(id)) : null;
  const exact =
    options.exact ?? (scope !== null && index.chunksOf(scope) <= exactScopeLimit(index.chunkCount));
  const result = (chunks: RetrievedChunk[], reranked: RerankKind | null = null): Retrieval => ({
    chunks,
    search: exact || !methods.includes("dense") ? "exact" : "approximate",
    methods,
    reranked,
  });
  if ((scope && scope.length === 0) || index.chunkCount === 0) return result([]);
  const depth = rerank ? Math.max(topK, config.RERANK_CANDIDATES) : topK;

  const expand = options.expand ?? !methods.includes("dense");
  // Loaded at start-up in a worker thread; a failure leaves the search without synonyms (query-terms.ts).
  if (expand) await loadSynonyms().catch(() => {});
  const terms = queryTerms(query, { expand });
  const lexical = methods.includes("lexical")
    ? await timings.measure("lexical", () => index.search(terms, { topK: depth, documentIds: scope }))
    : [];
  let dense: ChunkMatch[] = [];
  if (methods.includes("dense")) {
    const started = performance.now();
    const embedding = await embedder.embedQuery(query, { signal });
    signal?.throwIfAborted();
    // Only the Chroma collections of documents in scope are read, each filtered to the scope's
    // documents unless all of it is searchable and in scope.
    if (embedding.some((value) => value !== 0))
      dense = await denseSearch(embedder, chromaScope(searchable, scope), { embedding, topK: depth, exact });
    dense = dense.filter(
      (match) =>
        index.has(match.metadata.documentId) &&
        (embedder.space !== "ip" || match.distance < 1) &&
        (options.minSimilarity === undefined ||
          embedder.space !== "cosine" ||
          1 - match.distance >= options.minSimilarity),
    );
    timings.add("dense", performance.now() - started);
  }

  const lexicalIds = lexical.map((hit) => chunkId(hit.documentId, hit.chunkIndex));
  const denseScores = dense.map((match) => ({ id: match.id, score: 1 - match.distance }));
  const lexicalScores = lexical.map((hit, n) => ({ id: lexicalIds[n], score: hit.score }));
  const ranked =
    methods.length > 1
      ? options.fusion === "weighted"
        ? fuseScores([lexicalScores, denseScores], [0.5, 0.5])
        : fuseRankings([lexicalIds, dense.map((match) => match.id)])
      : methods[0] === "dense"
        ? denseScores
        : lexicalScores;
  const candidates = ranked.slice(0, depth);
  const known = new Map(dense.map((match) => [match.id, match]));
  const missing = candidates.filter((candidate) => !known.has(candidate.id)).map((candidate) => candidate.id);
  const texts = await timings.measure("texts", () => chunksById(embedder, searchable, missing));
  for (const match of texts) known.set(match.id, match);
  let chunks = candidates.flatMap(({ id, score }) => {
    const match = known.get(id);
    return match ? [toRetrieved(match, score)] : [];
  });

  if (!rerank || chunks.length < 2 || isClearCut(lexical, dense)) return result(chunks.slice(0, topK));
  try {
    const order = await timings.measure("rerank", () =>
      rerankCandidates({
        kind: rerank,
        query,
        candidates: chunks.map((chunk) => ({
          text: chunk.text,
          heading: chunkHeading(chunk.documentName, chunk.section),
          prior: chunk.score / chunks[0].score,
        })),
        termWeights: termWeights(index, terms),
        cacheKey: `${searchable.version}\n${query}\n${chunks.map((chunk) => chunk.id).join(",")}`,
        signal,
      }),
    );
    chunks = order.map(({ index: position, score }) => ({ ...chunks[position], score }));
    return result(chunks.slice(0, topK), rerank);
  } catch (error) {
    if (signal?.aborted) throw error;
    // The first stage's order is a good answer; a reranker that fails must not fail the search.
    console.warn("[retrieve] reranking failed; keeping the fused order", error);
    return result(chunks.slice(0, topK));
  }
}

/**
 * The largest scope searched exactly without being asked: where brute force costs less than Chroma's
 * filtered HNSW query, which slows as the collection grows. Measured by `npm run bench` (2,048
 * dimensions): break-even at about 100 chunks in a 10,000-chunk collection and 470 in a 100,000-chunk
 * one; EXACT_SEARCH_MAX_CHUNKS caps it.
 */
function exactScopeLimit(collectionChunks: number): number {
  return Math.min(env().EXACT_SEARCH_MAX_CHUNKS, 50 + collectionChunks / 250);
}

/**
 * Candidates already in a clear order need no reranking: the lexical and dense searches put the
 * same chunk first, or the lexical search alone found one chunk scoring twice the next one.
 */
function isClearCut(
  lexical: { documentId: string; chunkIndex: number; score: number }[],
  dense: ChunkMatch[],
) {
  const [first, second] = lexical;
  if (!first) return false;
  if (dense.length > 0) return dense[0].id === chunkId(first.documentId, first.chunkIndex);
  return !second || first.score >= 2 * second.score;
}

function termWeights(index: LexicalIndex, terms: { term: string; weight: number }[]): Map<string, number> {
  const { chunkCount, frequencies } = index.statistics(terms.map((entry) => entry.term));
  return new Map(
    terms.flatMap(({ term, weight }) => {
      const frequency = frequencies.get(term) ?? 0;
      if (frequency === 0) return [];
      return [[term, weight * Math.log(1 + (chunkCount - frequency + 0.5) / (frequency + 0.5))]];
    }),
  );
}

function toRetrieved({ id, text, metadata }: ChunkMatch, score: number): RetrievedChunk {
  return {
    id,
    documentId: metadata.documentId,
    documentName: metadata.documentName,
    page: metadata.page > 0 ? metadata.page : null,
    pageEnd: metadata.pageEnd > 0 ? metadata.pageEnd : null,
    chunkIndex: metadata.chunkIndex,
    section: metadata.section ?? "",
    text,
    score,
  };
}
