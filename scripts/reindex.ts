// `npm run reindex`: re-embeds every stored chunk with the configured embedder after the embedding
// settings changed. Chunk texts come back from Chroma, so nothing is uploaded again. Stop the app
// first: the embedded database allows one process at a time. `--force` re-embeds even when the
// collection already uses the configured embedder.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { startChroma } from "./chroma.mjs";

for (const file of [".env", ".env.local"]) if (existsSync(file)) process.loadEnvFile(file);
const dataDir = path.resolve(process.env.DATA_DIR || "data");
const lockFile = path.join(dataDir, "app.lock");
if (existsSync(lockFile)) {
  try {
    process.kill(Number(readFileSync(lockFile, "utf8")), 0);
    console.error(`The app is running on ${dataDir}; stop it before re-indexing.`);
    process.exit(1);
  } catch {}
}

const chroma = process.env.CHROMA_URL ? null : await startChroma({ dataPath: path.join(dataDir, "chroma") });
if (chroma) process.env.CHROMA_URL = chroma.url;
process.env.DATA_DIR = dataDir;

let exitCode = 0;
try {
  const { getEmbedder } = await import("@/lib/ai/embeddings");
  const { reindexCollection } = await import("@/lib/rag/reindex");
  const embedder = getEmbedder();
  console.log(`Re-indexing with ${embedder.id}…`);
  const result = await reindexCollection({
    embedder,
    force: process.argv.includes("--force"),
    onProgress: (done, total) => process.stdout.write(`\r  ${done}/${total} chunks`),
  });
  console.log(
    result
      ? `\nDone: ${result.chunks} chunks moved from ${result.from} to ${embedder.id}.`
      : "Nothing to do: the index already uses this embedder (pass --force to re-embed anyway).",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await chroma?.stop();
}
process.exit(exitCode);
