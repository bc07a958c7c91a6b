import { randomUUID } from "node:crypto";
import { PDF_PAGE_BATCH } from "@/lib/config/constants";
import { AppError } from "@/lib/errors";
import { PdfWorkerError, pdfWorkers } from "./pdf-pool";
import type { ExtractedDocument, PageText } from "./types";

function toAppError(error: unknown): Error {
  if (error instanceof PdfWorkerError) {
    if (error.name === "PasswordException") {
      return new AppError(
        "unprocessable",
        "This PDF is password-protected. Remove the password (print to PDF or use qpdf --decrypt) and upload it again.",
      );
    }
    return new AppError(
      "unprocessable",
      "This file could not be read as a PDF: it is damaged or not really a PDF.",
      { cause: error },
    );
  }
  return error as Error;
}

/** Batches of page numbers, dealt round-robin to the workers so that pages arrive roughly in order. */
function planBatches(total: number, workerCount: number): number[][][] {
  const plan: number[][][] = Array.from({ length: workerCount }, () => []);
  for (let first = 1, n = 0; first <= total; first += PDF_PAGE_BATCH, n++) {
    const batch = Array.from({ length: Math.min(PDF_PAGE_BATCH, total - first + 1) }, (_, k) => first + k);
    plan[n % workerCount].push(batch);
  }
  return plan.filter((batches) => batches.length > 0);
}

/**
 * Opens a PDF in the worker pool and returns its page count and its pages, in order, as they are
 * extracted by all workers in parallel.
 */
export async function extractPdf(data: Uint8Array): Promise<ExtractedDocument> {
  const workers = pdfWorkers();
  const jobId = randomUUID();
  let total: number;
  try {
    const reply = await workers[0].request({ op: "open", jobId, data });
    total = reply.kind === "done" ? (reply.total ?? 0) : 0;
  } catch (error) {
    await workers[0].request({ op: "close", jobId }).catch(() => {});
    throw toAppError(error);
  }
  if (total === 0) {
    await workers[0].request({ op: "close", jobId }).catch(() => {});
    throw new AppError("unprocessable", "This PDF has no pages.");
  }

  async function* pages(): AsyncGenerator<PageText[]> {
    const plan = planBatches(total, workers.length);
    const used = workers.slice(0, plan.length);
    const arrived = new Map<number, PageText>();
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    for (const worker of used) {
      worker.onPages(jobId, (batch) => {
        for (const page of batch) arrived.set(page.page, page);
        notify();
      });
    }
    const runs = used.map((worker, n) =>
      worker
        .request({ op: "extract", jobId, batches: plan[n], data: n === 0 ? undefined : data })
        .catch((error: unknown) => {
          failure ??= toAppError(error);
          notify();
        }),
    );
    let nextPage = 1;
    try {
      while (nextPage <= total) {
        if (failure) throw failure;
        const ready: PageText[] = [];
        while (arrived.has(nextPage)) {
          ready.push(arrived.get(nextPage) as PageText);
          arrived.delete(nextPage);
          nextPage++;
        }
        if (ready.length > 0) yield ready;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      // Stop the workers' remaining pages when the ingestion failed or was stopped early.
      if (nextPage <= total) {
        await Promise.all(used.map((worker) => worker.request({ op: "cancel", jobId }).catch(() => {})));
      }
      await Promise.all(runs);
      for (const worker of used) worker.onPages(jobId, null);
      await Promise.all(used.map((worker) => worker.request({ op: "close", jobId }).catch(() => {})));
    }
  }

  return { kind: "pdf", pageCount: total, pages: pages() };
}
