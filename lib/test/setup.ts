// Runs before each test file: its own data folder and Chroma collection, and no process state left
// from a previous file (database, runner, worker pool), so test files never see each other's documents.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Piscina } from "piscina";
import { inject } from "vitest";
import type { Connection } from "@/lib/db/client";
import type { IngestRunner } from "@/lib/ingest/runner";
import { forgetProcessState, type ProcessStateKey, peekProcessState } from "@/lib/process-state";

await peekProcessState<IngestRunner>("ingestRunner")?.stop();
await peekProcessState<Piscina>("ingestPool")?.destroy();
await peekProcessState<Promise<Connection>>("database")
  ?.then((open) => open.close())
  .catch(() => {});
for (const key of [
  "database",
  "embedder",
  "chatModel",
  "chromaCollections",
  "ingestPool",
  "ingestRunner",
  "lexicalIndex",
  "rerankCache",
  "rateLimitCleanupAt",
] satisfies ProcessStateKey[])
  forgetProcessState(key);

process.env.CHROMA_URL = inject("chromaUrl");
process.env.TEST_MODEL_URL = inject("modelUrl");
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "vitest-data-"));
process.env.CHROMA_COLLECTION = `test-${randomUUID()}`;
