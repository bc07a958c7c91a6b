import "server-only";
import type { Collection } from "chromadb";
import FlatQueue from "flatqueue";
import type { VectorSpace } from "@/lib/ai/embeddings/types";
import { scopeVectors } from "./chroma";

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let n = 0; n < a.length; n++) sum += a[n] * b[n];
  return sum;
}

/**
 * Nearest neighbours by brute force: every vector in the scope is read from Chroma and scored, so
 * the result is the true top k, where Chroma's HNSW index is approximate. Distances are Chroma's
 * own: 1 − cosine similarity, or 1 − inner product. Returns ids and distances, nearest first.
 */
export async function exactNearest(
  collection: Collection,
  {
    embedding,
    topK,
    documentIds,
    space,
  }: { embedding: number[]; topK: number; documentIds: string[] | null; space: VectorSpace },
): Promise<{ id: string; distance: number }[]> {
  const queryNorm = Math.sqrt(dot(embedding, embedding)) || 1;
  // A min-heap on similarity keeps the best topK seen.
  const best = new FlatQueue<string>();
  for await (const page of scopeVectors(collection, documentIds)) {
    page.embeddings.forEach((vector, n) => {
      const product = dot(embedding, vector);
      const similarity =
        space === "cosine" ? product / (queryNorm * (Math.sqrt(dot(vector, vector)) || 1)) : product;
      if (best.length >= topK && similarity <= (best.peekValue() as number)) return;
      best.push(page.ids[n], similarity);
      if (best.length > topK) best.pop();
    });
  }
  const nearest: { id: string; distance: number }[] = [];
  while (best.length > 0) {
    const similarity = best.peekValue() as number;
    nearest.push({ id: best.pop() as string, distance: 1 - similarity });
  }
  return nearest.reverse();
}
