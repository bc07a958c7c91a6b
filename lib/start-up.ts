import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { createConfiguredAdmin } from "@/lib/auth/accounts/first-admin";
import { authMode } from "@/lib/auth/mode";
import { env } from "@/lib/config/env";
import { getConnection } from "@/lib/db/client";
import { listDocumentsByStatus } from "@/lib/db/documents";
import { releaseAllLeases } from "@/lib/db/ingest-jobs";
import { backfillSegments } from "@/lib/ingest/backfill-segments";
import { finishDeletion } from "@/lib/ingest/delete-document";
import { ocrOptions } from "@/lib/ingest/ocr-options";
import { startIngestRunner } from "@/lib/ingest/runner";
import { lexicalIndex } from "@/lib/lexical/synced-index";
import { originalStore } from "@/lib/originals/store";
import { chunkCollection } from "@/lib/rag/chroma";
import { loadSynonyms } from "@/lib/text/synonyms";

/**
 * Runs once when the server starts: validates the environment (a bad one stops the server here,
 * not at the first request), migrates the database, finishes deletions a crash interrupted, and
 * starts the ingestion worker. Jobs a crash interrupted are claimed again and run from their original.
 * Documents indexed before the lexical index existed get their segment here. With accounts on and
 * none made yet, ADMIN_EMAIL and ADMIN_PASSWORD make the first admin.
 */
export async function startUp() {
  const config = env();
  // OCR_LANGUAGES must name installed language data: say so now, not at the first scanned page.
  ocrOptions();
  const connection = await getConnection();
  const { db, kind } = connection;
  // The embedded database belongs to this process alone: no other worker can hold a lease on it.
  if (kind === "pglite") await releaseAllLeases(db);
  await originalStore()
    .sweep()
    .catch((error) => console.error("[start-up] could not sweep the original store", error));
  try {
    for (const row of await listDocumentsByStatus(db, ["deleting"])) {
      await finishDeletion(db, row);
      console.warn(`[start-up] finished deleting "${row.name}", interrupted by an earlier run`);
    }
  } catch (error) {
    console.error("[start-up] could not finish interrupted deletions; they stay hidden from search", error);
  }
  try {
    const built = await backfillSegments(db, await chunkCollection(getEmbedder()));
    if (built > 0)
      console.warn(`[start-up] built the lexical index of ${built} documents indexed before it existed`);
  } catch (error) {
    console.error("[start-up] could not build the lexical index of older documents", error);
  }
  if (authMode() === "accounts" && (await createConfiguredAdmin(config)))
    console.warn(`[start-up] created the admin account ${config.ADMIN_EMAIL} (ADMIN_EMAIL)`);
  if (config.RUN_INGEST_WORKER) startIngestRunner();
  // Loaded now rather than by the first search: the lexical index's segments and WordNet's senses.
  setImmediate(() => {
    lexicalIndex()
      .fresh(connection)
      .then(() => loadSynonyms())
      .catch((error) => console.error("[start-up] could not load the lexical index", error));
  });
}
