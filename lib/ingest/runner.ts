import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { getEmbedder } from "@/lib/ai/embeddings";
import { env } from "@/lib/config/env";
import { type Database, getDb } from "@/lib/db/client";
import { markDocumentFailed, markDocumentReady, recordProgress } from "@/lib/db/documents";
import { type ClaimedJob, claimJob, LEASE_SECONDS, renewLease, retryJob } from "@/lib/db/ingest-jobs";
import { AppError, toAppError } from "@/lib/errors";
import { originalStore } from "@/lib/originals/store";
import { peekProcessState, processState } from "@/lib/process-state";
import { deleteDocumentChunks, documentChunkCollection } from "@/lib/rag/chroma";
import { type IndexProgress, indexDocument } from "./index-document";

/** Claims of one job before it is given up: a file that keeps killing its worker must not loop forever. */
const MAX_ATTEMPTS = 3;
/** A retried job waits this long times its attempts so far. */
const RETRY_DELAY_SECONDS = 2;
/** How often an idle runner looks for jobs queued by other processes. */
const POLL_MS = 1000;
/** Progress is written at most this often. */
const PROGRESS_MS = 300;

/** Failures of a service (Chroma, the embedder, the database), not of the file: worth another try. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  return error.code === "upstream_unavailable" || error.code === "rate_limited" || error.code === "internal";
}

/**
 * This process's ingestion worker: claims jobs from the database queue, at most `concurrency` at a
 * time, oldest first, and runs each to "ready" or "failed". Several runners (web servers and
 * `npm run worker` processes) on one Postgres share the queue; each job goes to one of them.
 */
export class IngestRunner {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly concurrency: number;
  private readonly running = new Map<number, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  private claiming = false;
  /** Set when poked during a claim, so the claim loop runs once more instead of missing a new job. */
  private pokedWhileClaiming = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /**
   * Emits "claimed" and "settled" (document id) when this runner takes and is done with a job, and "progress"
   * (document id, IndexProgress) at every step, for in-process watchers (scripts and tests).
   */
  readonly events = new EventEmitter().setMaxListeners(0);

  constructor({ concurrency }: { concurrency: number }) {
    this.concurrency = concurrency;
  }

  start() {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
    this.poke();
  }

  /** Looks for work now: called when this process queues a job, and on every poll. */
  poke() {
    if (this.stopped) return;
    if (this.claiming) {
      this.pokedWhileClaiming = true;
      return;
    }
    this.claiming = true;
    this.pokedWhileClaiming = false;
    this.fill()
      .catch((error) => console.error("[ingest] could not claim a job", error))
      .finally(() => {
        this.claiming = false;
        if (this.pokedWhileClaiming) this.poke();
        this.resolveIdle();
      });
  }

  /** Stops claiming and stops the running jobs; their leases are released for another worker. */
  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const controller of this.running.values()) controller.abort(new Error("the worker is stopping"));
    await this.idle();
  }

  /** Resolves once no job is running in this process. */
  idle(): Promise<void> {
    if (this.running.size === 0 && !this.claiming) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private resolveIdle() {
    if (this.running.size > 0 || this.claiming) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async fill() {
    const db = await getDb();
    while (!this.stopped && this.running.size < this.concurrency) {
      const claimed = await claimJob(db, this.workerId);
      if (!claimed) return;
      const controller = new AbortController();
      this.running.set(claimed.job.id, controller);
      this.events.emit("claimed", claimed.document.id);
      this.run(db, claimed, controller).finally(() => {
        this.running.delete(claimed.job.id);
        this.events.emit("settled", claimed.document.id);
        this.resolveIdle();
        this.poke();
      });
    }
  }

  private async run(db: Database, { job, document }: ClaimedJob, controller: AbortController) {
    if (job.attempts > MAX_ATTEMPTS) {
      await markDocumentFailed(db, {
        id: document.id,
        error: `Indexing "${document.name}" was interrupted ${MAX_ATTEMPTS} times (the server stopped while reading it). Delete it and upload it again, or check the server's log.`,
      });
      return;
    }
    const { signal } = controller;
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      controller.abort(new Error("the document was deleted"));
    };
    // The lease is renewed while the job runs; a renewal that finds the job gone means it was cancelled.
    const lease = setInterval(
      () =>
        renewLease(db, { jobId: job.id, workerId: this.workerId })
          .then((held) => held || cancel())
          .catch(() => {}),
      (LEASE_SECONDS * 1000) / 3,
    );
    let lastProgress = 0;
    const onProgress = (progress: IndexProgress) => {
      this.events.emit("progress", document.id, progress);
      const now = Date.now();
      if (now - lastProgress < PROGRESS_MS) return;
      lastProgress = now;
      recordProgress(db, document.id, progress)
        .then((indexing) => indexing || cancel())
        .catch(() => {});
    };

    const embedder = getEmbedder();
    const store = originalStore();
    let local: Awaited<ReturnType<typeof store.localFile>> = null;
    try {
      const collection = await documentChunkCollection(embedder, document);
      // A run cut short (a crash, a stop) may have left chunks: start from none, as a clean run would.
      await deleteDocumentChunks(collection, document.id);
      try {
        local = await store.localFile(document.id);
        if (!local)
          throw new AppError(
            "unprocessable",
            `The original of "${document.name}" is missing from the store.`,
          );
        const { pages, chunks, segment, ocr } = await indexDocument({
          document,
          file: local.path,
          embedder,
          collection,
          signal,
          onProgress,
        });
        const ready = await markDocumentReady(db, { id: document.id, pages, chunks, segment, ocr });
        if (!ready) cancelled = true;
      } catch (error) {
        await deleteDocumentChunks(collection, document.id).catch((cleanup) =>
          console.error("[ingest] could not remove the chunks of a stopped document", document.id, cleanup),
        );
        throw error;
      }
      if (cancelled) await deleteDocumentChunks(collection, document.id);
    } catch (error) {
      if (cancelled) return;
      if (this.stopped) {
        await retryJob(db, { jobId: job.id, delaySeconds: 0 }).catch(() => {});
        return;
      }
      const appError = toAppError(error, `ingest ${document.name}`);
      if (isTransient(error) && job.attempts < MAX_ATTEMPTS) {
        console.warn(`[ingest] "${document.name}" will be retried: ${appError.message}`);
        await retryJob(db, { jobId: job.id, delaySeconds: RETRY_DELAY_SECONDS * job.attempts });
      } else {
        await markDocumentFailed(db, { id: document.id, error: appError.message });
      }
    } finally {
      clearInterval(lease);
      await local?.release().catch(() => {});
    }
  }
}

/** Starts this process's runner (once); the web server does unless RUN_INGEST_WORKER=false. */
export function startIngestRunner(): IngestRunner {
  const runner = processState(
    "ingestRunner",
    () => new IngestRunner({ concurrency: env().INGEST_CONCURRENCY }),
  );
  runner.start();
  return runner;
}

/** Stops this process's runner, if any; running jobs go back to the queue. */
export async function stopIngestRunner() {
  await peekProcessState<IngestRunner>("ingestRunner")?.stop();
}

/** Tells this process's runner, if any, that a job was queued, so it starts without waiting for a poll. */
export function notifyIngestRunner() {
  peekProcessState<IngestRunner>("ingestRunner")?.poke();
}
