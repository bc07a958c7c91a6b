import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, postgresUrl } from "@/lib/test/postgres";

// Two `npm run worker` processes and this test process (the web server's part: uploads, with no
// worker of its own) on one Postgres database and one Chroma server: the queue is shared, and each
// job is done once.
const root = path.join(import.meta.dirname, "..");

function startWorker(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const claimed: string[] = [];
  let log = "";
  child.stdout?.setEncoding("utf8").on("data", (text: string) => {
    log += text;
    for (const match of text.matchAll(/\[worker\] claimed (\S+)/g)) claimed.push(match[1]);
  });
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (log += text));
  return { child, claimed, log: () => log };
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe.skipIf(!postgresUrl)("npm run worker: several workers on one Postgres", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let workers: ReturnType<typeof startWorker>[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    process.env.RUN_INGEST_WORKER = "false";
  });
  afterAll(async () => {
    await Promise.all(workers.map(({ child }) => stop(child)));
    const { getConnection } = await import("@/lib/db/client");
    await (await getConnection()).close();
    await database.drop();
  });

  it("share the queue: every document ends ready, each job claimed by exactly one worker", async () => {
    const { uploadFiles } = await import("@/lib/ingest/ingest-file");
    const { getDb } = await import("@/lib/db/client");
    const { listDocuments } = await import("@/lib/db/documents");
    const { retrieve } = await import("@/lib/rag/retrieve");
    const env = {
      DATABASE_URL: database.url,
      CHROMA_URL: process.env.CHROMA_URL as string,
      CHROMA_COLLECTION: process.env.CHROMA_COLLECTION as string,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "worker-")),
      INGEST_CONCURRENCY: "2",
    };
    workers = [startWorker(env), startWorker(env)];
    const files = Array.from(
      { length: 12 },
      (_, n) =>
        new File(
          [Array.from({ length: 300 }, (_, k) => `Crane ${n} flies ${k} kilometres south.`).join("\n\n")],
          `cranes-${n}.txt`,
          { type: "text/plain" },
        ),
    );
    const { status, documents } = await uploadFiles(files);
    expect(status).toBe(202);
    const ids = documents.map((document) => ("id" in document ? document.id : ""));
    const db = await getDb();
    await vi.waitFor(
      async () => {
        const rows = (await listDocuments(db, null)).filter((row) => ids.includes(row.id));
        expect(rows.map((row) => row.status)).toEqual(ids.map(() => "ready"));
      },
      { timeout: 120_000, interval: 250 },
    );
    const claims = workers.flatMap((worker) => worker.claimed);
    expect(claims.sort(), workers.map((worker) => worker.log()).join("\n")).toEqual([...ids].sort());
    // Both took part (each runs two jobs at a time, and twelve were queued at once).
    expect(workers.every((worker) => worker.claimed.length > 0)).toBe(true);
    const [hit] = (await retrieve({ query: "Crane 7 flies 123 kilometres south", topK: 1 })).chunks;
    expect(hit.documentId).toBe(ids[7]);
  }, 180_000);
});
