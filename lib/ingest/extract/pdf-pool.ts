import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/config/env";

type WorkerReply =
  | { jobId: string; requestId: number; kind: "done"; total?: number }
  | { jobId: string; requestId: number; kind: "error"; error: { name: string; message: string } }
  | { jobId: string; kind: "pages"; pages: { page: number; text: string }[] };

export class PdfWorkerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

/** One long-lived worker thread running pdf-worker.mjs; requests are matched to replies by id. */
class PdfWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly pageListeners = new Map<string, (pages: { page: number; text: string }[]) => void>();
  private nextRequestId = 0;
  /** Set when the thread has exited (a crash in pdf.js); the pool then replaces it. */
  exited = false;

  constructor(script: string) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on("message", (reply: WorkerReply) => {
      if (reply.kind === "pages") {
        this.pageListeners.get(reply.jobId)?.(reply.pages);
        return;
      }
      const waiting = this.pending.get(reply.requestId);
      this.pending.delete(reply.requestId);
      if (reply.kind === "error") waiting?.reject(new PdfWorkerError(reply.error.name, reply.error.message));
      else waiting?.resolve(reply);
    });
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.on("exit", (code) => {
      this.exited = true;
      this.failAll(new PdfWorkerError("WorkerExited", `The PDF worker stopped (exit code ${code}).`));
    });
  }

  private failAll(error: Error) {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  request(message: Record<string, unknown> & { jobId: string }): Promise<WorkerReply> {
    if (this.exited) return Promise.reject(new PdfWorkerError("WorkerExited", "The PDF worker has stopped."));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.worker.postMessage({ ...message, requestId });
    });
  }

  onPages(jobId: string, listener: ((pages: { page: number; text: string }[]) => void) | null) {
    if (listener) this.pageListeners.set(jobId, listener);
    else this.pageListeners.delete(jobId);
  }
}

let pool: PdfWorker[] | undefined;

// Resolved from the project root at run time: the worker must stay outside Next's bundle.
const workerScript = () =>
  path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/ingest/extract/pdf-worker.mjs");

/** Worker threads for PDF extraction, one per core by default (INGEST_WORKERS overrides). */
export function pdfWorkers(): PdfWorker[] {
  if (!pool) {
    const script = workerScript();
    const count = env().INGEST_WORKERS ?? Math.max(1, Math.min(availableParallelism(), 4));
    pool = Array.from({ length: count }, () => new PdfWorker(script));
  }
  // A worker that crashed is replaced, so one bad PDF does not break every later upload.
  pool = pool.map((worker) => (worker.exited ? new PdfWorker(workerScript()) : worker));
  return pool;
}
