import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { findUnfinished } from "@/lib/db/documents";
import { pdfWorkers } from "@/lib/ingest/extract/pdf-pool";
import { abandonedCutoff, isAbandoned, removeUnfinished } from "@/lib/ingest/unfinished";
import { chunkCollection } from "@/lib/rag/chroma";

/**
 * Runs once when the server starts: validates the environment (a bad one stops the server here,
 * not at the first request), migrates the database and removes documents a crash left half-indexed.
 */
export async function startUp() {
  env();
  // Spawning the PDF workers now loads pdf.js before the first upload needs it.
  pdfWorkers();
  const db = await getDb();
  const unfinished = (await findUnfinished(db, { createdBefore: abandonedCutoff() })).filter(isAbandoned);
  if (unfinished.length === 0) return;
  try {
    const embedder = getEmbedder();
    const collection = await chunkCollection(embedder);
    for (const row of unfinished) {
      await removeUnfinished({ db, collection, embedder, row });
      console.warn(`[start-up] finished removing "${row.name}", left ${row.status} by an earlier run`);
    }
  } catch (error) {
    console.error("[start-up] could not remove unfinished documents; they stay hidden from search", error);
  }
}
