// `npm run worker`: an ingestion worker on its own, beside the web servers. Several of them and
// several web servers on one Postgres (DATABASE_URL) share the job queue; each job is done once.
// The web server runs a worker of its own unless RUN_INGEST_WORKER=false. Stops cleanly on
// SIGINT/SIGTERM: running jobs go back to the queue.
import { existsSync } from "node:fs";

for (const file of [".env", ".env.local"]) if (existsSync(file)) process.loadEnvFile(file);

if (!process.env.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL: the embedded database belongs to the web server, whose own worker runs the queue.",
  );
  process.exit(1);
}
if (!process.env.CHROMA_URL) {
  console.error("npm run worker needs CHROMA_URL, the Chroma server the web servers use.");
  process.exit(1);
}

const { env } = await import("@/lib/config/env");
const { getConnection } = await import("@/lib/db/client");
const { IngestRunner } = await import("@/lib/ingest/runner");

const config = env();
await getConnection();
const runner = new IngestRunner({ concurrency: config.INGEST_CONCURRENCY });
runner.events.on("claimed", (documentId: string) => console.log(`[worker] claimed ${documentId}`));
runner.events.on("settled", (documentId: string) => console.log(`[worker] settled ${documentId}`));
runner.start();
console.error(`[worker] ${runner.workerId}: indexing up to ${config.INGEST_CONCURRENCY} documents at once`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.error("[worker] stopping: running jobs go back to the queue");
  await runner.stop();
  await (await getConnection()).close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
