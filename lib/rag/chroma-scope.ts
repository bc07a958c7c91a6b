import "server-only";
import type { Embedder } from "@/lib/ai/embeddings/types";
import type { Searchable } from "@/lib/lexical/synced-index";
import { type ChunkMatch, chromaName, chunkCollection, getChunks, queryChunks } from "./chroma";
import { exactNearest } from "./exact-search";

/**
 * The Chroma collections a search reads and, in each, the documents it is limited to: null when the
 * whole collection is in scope and holds nothing unsearchable, so Chroma searches it unfiltered.
 */
export type ChromaScope = { suffix: string; documentIds: string[] | null }[];

export function chromaScope(searchable: Searchable, scope: string[] | null): ChromaScope {
  const searchableIn = new Map<string, number>();
  for (const suffix of searchable.chromaOf.values())
    searchableIn.set(suffix, (searchableIn.get(suffix) ?? 0) + 1);
  const chosen = new Map<string, string[]>();
  for (const id of scope ?? searchable.chromaOf.keys()) {
    const suffix = searchable.chromaOf.get(id);
    if (suffix === undefined) continue;
    const ids = chosen.get(suffix);
    if (ids) ids.push(id);
    else chosen.set(suffix, [id]);
  }
  return [...chosen].map(([suffix, ids]) => ({
    suffix,
    documentIds: ids.length === searchableIn.get(suffix) && !searchable.notReady.get(suffix) ? null : ids,
  }));
}

/**
 * The nearest chunks over every collection in the scope, nearest first: Chroma's HNSW query, or
 * brute force (`exact`), in each collection at once, then merged by distance.
 */
export async function denseSearch(
  embedder: Embedder,
  scope: ChromaScope,
  { embedding, topK, exact }: { embedding: number[]; topK: number; exact: boolean },
): Promise<ChunkMatch[]> {
  const found = await Promise.all(
    scope.map(async ({ suffix, documentIds }) => {
      const collection = await chunkCollection(embedder, chromaName(suffix));
      if (!exact) return queryChunks(collection, { embedding, topK, documentIds });
      const nearest = await exactNearest(collection, { embedding, topK, documentIds, space: embedder.space });
      const matches = new Map(
        (
          await getChunks(
            collection,
            nearest.map((hit) => hit.id),
          )
        ).map((match) => [match.id, match]),
      );
      return nearest.flatMap(({ id, distance }) => {
        const match = matches.get(id);
        return match ? [{ ...match, distance }] : [];
      });
    }),
  );
  return found
    .flat()
    .sort((a, b) => a.distance - b.distance)
    .slice(0, topK);
}

/** Chunks by id, from the collections their documents are in, in the order asked. */
export async function chunksById(
  embedder: Embedder,
  searchable: Searchable,
  ids: string[],
): Promise<ChunkMatch[]> {
  const bySuffix = new Map<string, string[]>();
  for (const id of ids) {
    const suffix = searchable.chromaOf.get(id.slice(0, id.lastIndexOf(":"))) ?? "";
    const wanted = bySuffix.get(suffix);
    if (wanted) wanted.push(id);
    else bySuffix.set(suffix, [id]);
  }
  const read = await Promise.all(
    [...bySuffix].map(async ([suffix, wanted]) =>
      getChunks(await chunkCollection(embedder, chromaName(suffix)), wanted),
    ),
  );
  const byId = new Map(read.flat().map((match) => [match.id, match]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
