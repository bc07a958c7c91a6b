import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SegmentBuilder } from "@/lib/lexical/segment";
import { createTestDatabase, postgresUrl } from "@/lib/test/postgres";
import { type Connection, openDatabase } from "./client";
import {
  claimForDeletion,
  findDocument,
  insertQueuedDocument,
  markDocumentFailed,
  markDocumentReady,
  recordProgress,
  requeueFailedDocument,
} from "./documents";
import { claimJob, releaseAllLeases, renewLease, retryJob } from "./ingest-jobs";
import { ingestJobs } from "./schema";

type Backend = {
  name: string;
  open: () => Promise<{ connections: Connection[]; close: () => Promise<void> }>;
};

const backends: Backend[] = [
  {
    name: "PGlite",
    open: async () => {
      const connection = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "queue-")) });
      return { connections: [connection], close: () => connection.close() };
    },
  },
];
if (postgresUrl) {
  backends.push({
    name: "Postgres",
    open: async () => {
      const database = await createTestDatabase();
      // Two connection pools on one database: two instances of the app sharing the queue.
      const first = await openDatabase({ DATABASE_URL: database.url, dataDir: "" });
      const second = await openDatabase({ DATABASE_URL: database.url, dataDir: "" });
      return {
        connections: [first, second],
        close: async () => {
          await first.close();
          await second.close();
          await database.drop();
        },
      };
    },
  });
}

describe.each(backends)("the ingestion queue on $name", (backend) => {
  let connections: Connection[];
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ connections, close } = await backend.open());
  });
  afterAll(() => close());
  const db = () => connections[0].db;

  async function queue(name = `${randomUUID()}.txt`) {
    const row = await insertQueuedDocument(db(), {
      id: randomUUID(),
      name,
      kind: "text",
      bytes: 10,
      sha256: randomUUID(),
      mimeType: "text/plain",
      embedder: "test",
    });
    if (!row) throw new Error("not queued");
    return row;
  }

  /** Each test starts with an empty queue. */
  async function drain() {
    await db().delete(ingestJobs);
  }

  it("hands out jobs oldest first, one claim each, marking the document indexing", async () => {
    await drain();
    const first = await queue("first.txt");
    const second = await queue("second.txt");
    const claimed = await claimJob(db(), "worker-a");
    expect(claimed?.document).toMatchObject({ id: first.id, status: "indexing" });
    expect(claimed?.job.attempts).toBe(1);
    expect((await claimJob(db(), "worker-b"))?.document.id).toBe(second.id);
    expect(await claimJob(db(), "worker-c")).toBeNull();
  });

  it("gives each job to exactly one of many concurrent claimers", async () => {
    await drain();
    const queued = await Promise.all(Array.from({ length: 12 }, () => queue()));
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, n) => claimJob(connections[n % connections.length].db, `worker-${n}`)),
    );
    const claimedIds = claims.filter((claim) => claim !== null).map((claim) => claim?.document.id);
    expect(claimedIds.sort()).toEqual(queued.map((row) => row.id).sort());
  });

  it("finishes a job: the document is ready and the job is gone", async () => {
    await drain();
    const row = await queue();
    const claimed = await claimJob(db(), "worker");
    expect(
      await recordProgress(db(), row.id, { pagesDone: 3, pages: 10, chunksDone: 5, chunksTotal: null }),
    ).toBe(true);
    expect(await findDocument(db(), row.id)).toMatchObject({ pagesDone: 3, pages: 10, chunksDone: 5 });
    const ready = await markDocumentReady(db(), {
      id: row.id,
      pages: 10,
      chunks: 7,
      segment: new SegmentBuilder().build(),
    });
    expect(ready).toMatchObject({ status: "ready", chunks: 7, chunksDone: 7, chunksTotal: 7 });
    expect(await renewLease(db(), { jobId: claimed?.job.id ?? -1, workerId: "worker" })).toBe(false);
    expect(await claimJob(db(), "worker")).toBeNull();
  });

  it("fails a job with its reason, and queues the document again when the same file comes back", async () => {
    await drain();
    const row = await queue();
    await claimJob(db(), "worker");
    await markDocumentFailed(db(), { id: row.id, error: "It is damaged." });
    expect(await findDocument(db(), row.id)).toMatchObject({ status: "failed", error: "It is damaged." });
    expect(await claimJob(db(), "worker")).toBeNull();
    expect((await requeueFailedDocument(db(), row.id))?.status).toBe("queued");
    expect((await claimJob(db(), "worker"))?.document).toMatchObject({ id: row.id, error: null });
  });

  it("retries a job after its delay, not before", async () => {
    await drain();
    const row = await queue();
    const claimed = await claimJob(db(), "worker");
    await retryJob(db(), { jobId: claimed?.job.id ?? -1, delaySeconds: 3600 });
    expect((await findDocument(db(), row.id))?.status).toBe("queued");
    expect(await claimJob(db(), "worker")).toBeNull();
    await retryJob(db(), { jobId: claimed?.job.id ?? -1, delaySeconds: 0 });
    const again = await claimJob(db(), "worker");
    expect(again?.document.id).toBe(row.id);
    expect(again?.job.attempts).toBe(2);
  });

  it("cancels: deleting a document ends its job, and its worker learns it at the next renewal or progress", async () => {
    await drain();
    const row = await queue();
    const claimed = await claimJob(db(), "worker");
    expect(await renewLease(db(), { jobId: claimed?.job.id ?? -1, workerId: "worker" })).toBe(true);
    expect((await claimForDeletion(db(), row.id))?.status).toBe("deleting");
    expect(await renewLease(db(), { jobId: claimed?.job.id ?? -1, workerId: "worker" })).toBe(false);
    expect(
      await recordProgress(db(), row.id, { pagesDone: 1, pages: 1, chunksDone: 0, chunksTotal: null }),
    ).toBe(false);
    expect(
      await markDocumentReady(db(), {
        id: row.id,
        pages: 1,
        chunks: 1,
        segment: new SegmentBuilder().build(),
      }),
    ).toBeNull();
    expect((await findDocument(db(), row.id))?.status).toBe("deleting");
  });

  it("recovers a job whose worker died: claimable again once its lease has run out", async () => {
    await drain();
    const row = await queue();
    const crashed = await claimJob(db(), "crashed-worker");
    expect(await claimJob(connections.at(-1)?.db ?? db(), "other")).toBeNull();
    // The lease running out, without waiting 30 seconds for it.
    await db()
      .update(ingestJobs)
      .set({ lockedUntil: sql`clock_timestamp() - interval '1 second'` })
      .where(sql`${ingestJobs.id} = ${crashed?.job.id ?? -1}`);
    const recovered = await claimJob(connections.at(-1)?.db ?? db(), "other");
    expect(recovered?.document).toMatchObject({ id: row.id, status: "indexing" });
    expect(recovered?.job.attempts).toBe(2);
    // The dead worker's renewal no longer holds it.
    expect(await renewLease(db(), { jobId: crashed?.job.id ?? -1, workerId: "crashed-worker" })).toBe(false);
  });

  it("releases every lease at once, for the embedded database whose one process restarted", async () => {
    await drain();
    const row = await queue();
    await claimJob(db(), "before-restart");
    await releaseAllLeases(db());
    expect((await claimJob(db(), "after-restart"))?.document.id).toBe(row.id);
  });
});
