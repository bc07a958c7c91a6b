// `npm run reindex`: rebuilds the index with the configured embedder and chunk settings from the
// stored originals, so nothing is uploaded again. Stop the app
// first: the embedded database allows one process at a time. `--force` re-embeds even when the
// collection already uses the configured embedder.
import { existsSync } from "node:fs";
import path from "node:path";
import { startChroma } from "./chroma.mjs";
import { acquireDataDirLock, DataDirInUseError } from "./data-dir-lock.mjs";

for (const file of [".env", ".env.local"]) if (existsSync(file)) process.loadEnvFile(file);
const dataDir = path.resolve(process.env.DATA_DIR || "data");
// Held until this process exits, so the app cannot start on the folder while the index is rebuilt.
try {
  await acquireDataDirLock(dataDir, { purpose: "npm run reindex" });
} catch (error) {
  if (!(error instanceof DataDirInUseError)) throw error;
  console.error(`${error.message} Stop it before re-indexing.`);
  process.exit(1);
}

const chroma = process.env.CHROMA_URL ? null : await startChroma({ dataPath: path.join(dataDir, "chroma") });
if (chroma) process.env.CHROMA_URL = chroma.url;
process.env.DATA_DIR = dataDir;

let exitCode = 0;
try {
  const { getEmbedder } = await import("@/lib/ai/embeddings");
  const { reindexDocuments } = await import("@/lib/ingest/reindex");
  const embedder = getEmbedder();
  console.log(`Re-indexing with ${embedder.id}…`);
  const result = await reindexDocuments({
    embedder,
    force: process.argv.includes("--force"),
    onProgress: (done, total) => process.stdout.write(`\r  ${done}/${total} documents`),
  });
  console.log(
    result
      ? `\nDone: ${result.documents} documents (${result.chunks} chunks) re-indexed from their originals, from ${result.from} to ${embedder.id}.`
      : "Nothing to do: the index already uses this embedder (pass --force to re-index anyway, e.g. after changing CHUNK_TOKENS).",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await chroma?.stop();
}
process.exit(exitCode);
