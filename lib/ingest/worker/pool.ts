import "server-only";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import type {
  ChunkBatch,
  ExtractResult,
  ExtractTask,
  ReadTextResult,
  ReadTextTask,
  WorkerMessage,
} from "./protocol";

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
      // Room for a 50 MB text file's string and its chunks; a small young generation keeps the
      // thread's resident memory close to what it holds (measured with `npm run bench`).
      resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 16 },
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
  const arrived: WorkerMessage[] = [];
  let crash: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  port1.on("message", (message: WorkerMessage) => {
    arrived.push(message);
    notify();
  });
  const run = ingestPool().run({ ...task, port: port2 } satisfies ExtractTask, {
    transferList: [port2] as never,
    signal,
  }) as Promise<void>;
  // A thread that dies (or is stopped) never sends its end: its failure must end the wait too.
  run.catch((error: unknown) => {
    crash = error;
    notify();
  });
  let result: ExtractResult | undefined;
  try {
    while (!result) {
      const message = arrived.shift();
      if (message?.type === "batch") yield message;
      else if (message?.type === "end") result = message.result;
      else if (crash !== undefined) {
        if (signal.aborted) throw signal.reason ?? crash;
        throw new AppError("unprocessable", "The file could not be read: the extractor stopped on it.", {
          cause: crash,
        });
      } else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    port1.close();
  }
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
}

/**
 * One thread of its own for the viewer's text, so that opening a document never waits behind the
 * ingestion queue; it exits when idle.
 */
function textPool(): Piscina {
  return processState("textPool", () => {
    return new Piscina({
      filename: workerBundle(),
      name: "readText",
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_TIMEOUT_MS,
      resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 16 },
    });
  });
}

/** The text of a stored original (not a PDF), page by page, read in a worker thread as indexing reads it. */
export async function readTextInWorker(task: ReadTextTask): Promise<{ page: number | null; text: string }[]> {
  const result = (await textPool().run(task satisfies ReadTextTask)) as ReadTextResult;
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.pages;
}
