import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { type DocumentRow, documents, type IngestJobRow, ingestJobs } from "./schema";

/** How long a claim holds without renewal; a worker renews it well before. */
export const LEASE_SECONDS = 30;

const leaseEnd = sql`clock_timestamp() + make_interval(secs => ${LEASE_SECONDS})`;

export type ClaimedJob = { job: IngestJobRow; document: DocumentRow };

/**
 * Claims the oldest job that is due and not held (or whose holder's lease ran out), and marks its
 * document "indexing". Concurrent workers skip each other's locked rows, so each job goes to one.
 */
export async function claimJob(db: Database, workerId: string): Promise<ClaimedJob | null> {
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: ingestJobs.id })
      .from(ingestJobs)
      .where(
        and(
          lte(ingestJobs.runAfter, sql`clock_timestamp()`),
          or(isNull(ingestJobs.lockedUntil), lt(ingestJobs.lockedUntil, sql`clock_timestamp()`)),
        ),
      )
      .orderBy(asc(ingestJobs.id))
      .limit(1)
      .for("update", { skipLocked: true });
    const [job] = await tx
      .update(ingestJobs)
      .set({ lockedBy: workerId, lockedUntil: leaseEnd, attempts: sql`${ingestJobs.attempts} + 1` })
      .where(inArray(ingestJobs.id, due))
      .returning();
    if (!job) return null;
    const [document] = await tx
      .update(documents)
      .set({ status: "indexing", pagesDone: 0, chunksDone: 0, chunksTotal: null, error: null })
      .where(and(eq(documents.id, job.documentId), inArray(documents.status, ["queued", "indexing"])))
      .returning();
    if (!document) {
      // Its document is being deleted: the job has nothing left to do.
      await tx.delete(ingestJobs).where(eq(ingestJobs.id, job.id));
      return null;
    }
    return { job, document };
  });
}

/** Extends a held lease; false when the job is gone (cancelled) or was taken over. */
export async function renewLease(db: Database, { jobId, workerId }: { jobId: number; workerId: string }) {
  const rows = await db
    .update(ingestJobs)
    .set({ lockedUntil: leaseEnd })
    .where(and(eq(ingestJobs.id, jobId), eq(ingestJobs.lockedBy, workerId)))
    .returning({ id: ingestJobs.id });
  return rows.length > 0;
}

/** Puts a job back in the queue after a failure worth retrying, to run again after `delaySeconds`. */
export async function retryJob(
  db: Database,
  { jobId, delaySeconds }: { jobId: number; delaySeconds: number },
) {
  await db.transaction(async (tx) => {
    const [job] = await tx
      .update(ingestJobs)
      .set({
        lockedBy: null,
        lockedUntil: null,
        runAfter: sql`clock_timestamp() + make_interval(secs => ${delaySeconds})`,
      })
      .where(eq(ingestJobs.id, jobId))
      .returning();
    if (job) {
      await tx
        .update(documents)
        .set({ status: "queued" })
        .where(and(eq(documents.id, job.documentId), eq(documents.status, "indexing")));
    }
  });
}

/** Releases every lease this database's workers held: for the embedded database, owned by one process. */
export async function releaseAllLeases(db: Database): Promise<void> {
  await db.update(ingestJobs).set({ lockedBy: null, lockedUntil: null });
}
