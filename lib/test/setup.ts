// Runs before each test file: its own data folder and Chroma collection, and no cached singletons
// from a previous file, so test files never see each other's documents.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";

const holder = globalThis as Record<string, unknown>;
const connection = holder.__dbConnection as Promise<{ close: () => Promise<void> }> | undefined;
await connection?.then((open) => open.close()).catch(() => {});
for (const key of ["__dbConnection", "__embedder", "__chromaCollections"]) delete holder[key];

process.env.CHROMA_URL = inject("chromaUrl");
process.env.TEST_MODEL_URL = inject("modelUrl");
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "vitest-data-"));
process.env.CHROMA_COLLECTION = `test-${randomUUID()}`;
