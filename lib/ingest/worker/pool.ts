import "server-only";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import type { ChunkBatch, ExtractResult, ExtractTask } from "./protocol";

// Built by scripts/build-worker.mjs; resolved at run time so that it stays outside Next's bundle.
const workerBundle = () =>
  path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/ingest/worker/dist/ingest-worker.mjs");

/** A worker that stays idle this long exits, returning its memory (pdf.js, PDFium's heap). */
const IDLE_TIMEOUT_MS = 10_000;

/**
 * Worker threads that extract and chunk, one document each, at most INGEST_CONCURRENCY at once.
 * Threads start on demand and exit when idle; each has a heap limit, so one huge file fails alone.
 */
function ingestPool(): Piscina {
  return processState("ingestPool", () => {
    const { INGEST_CONCURRENCY } = env();
    return new Piscina({
      filename: workerBundle(),
      minThreads: 0,
      maxThreads: INGEST_CONCURRENCY,
      concurrentTasksPerWorker: 1,
      idleTimeout: IDLE_TIMEOUT_MS,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
  });
}

type ExtractOptions = Omit<ExtractTask, "port"> & { signal: AbortSignal };

/**
 * Extracts and chunks one file in a worker thread, yielding batches of chunks as pages are read.
 * Aborting the signal stops the thread. Throws the worker's AppError (a damaged file, say) as one.
 */
export async function* extractInWorker({ signal, ...task }: ExtractOptions): AsyncGenerator<ChunkBatch> {
  const { port1, port2 } = new MessageChannel();
  const arrived: ChunkBatch[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  port1.on("message", (batch: ChunkBatch) => {
    arrived.push(batch);
    notify();
  });
  // The worker closes its end when it is done; the close arrives after every batch it sent.
  port1.once("close", () => {
    closed = true;
    notify();
  });
  const run = ingestPool().run({ ...task, port: port2 } satisfies ExtractTask, {
    transferList: [port2] as unknown as Transferable[],
    signal,
  }) as Promise<ExtractResult>;
  run.catch(() => {});
  // A worker that dies never closes its port: its failure must end the wait too.
  run.then(undefined, () => port1.close());
  try {
    while (true) {
      const batch = arrived.shift();
      if (batch) yield batch;
      else if (closed) break;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    port1.close();
  }
  const result = await run.catch((error: unknown) => {
    if (signal.aborted) throw signal.reason ?? error;
    throw new AppError("unprocessable", "The file could not be read: the extractor stopped on it.", { cause: error });
  });
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
}
