// Worker thread for PDF text extraction. Plain JavaScript so it runs unbundled, from `next start`,
// `next dev`, Vitest and scripts alike. One PDFParse per job; pages come back in batches.
import { parentPort } from "node:worker_threads";
import { PDFParse } from "pdf-parse";

const parsers = new Map();
/** Jobs whose remaining pages are no longer wanted (the ingestion failed or was stopped). */
const cancelled = new Set();

function describeError(error) {
  return { name: error?.name ?? "Error", message: String(error?.message ?? error) };
}

async function handle(message) {
  const { op, jobId } = message;
  if (op === "open") {
    const parser = new PDFParse({ data: message.data, stopAtErrors: false });
    parsers.set(jobId, parser);
    const info = await parser.getInfo();
    return { total: info.total };
  }
  if (op === "extract") {
    const parser = parsers.get(jobId) ?? new PDFParse({ data: message.data });
    parsers.set(jobId, parser);
    for (const batch of message.batches) {
      if (cancelled.has(jobId)) break;
      const result = await parser.getText({ partial: batch, pageJoiner: "" });
      parentPort.postMessage({
        jobId,
        kind: "pages",
        pages: result.pages.map((page) => ({ page: page.num, text: page.text })),
      });
    }
    return {};
  }
  if (op === "cancel") {
    cancelled.add(jobId);
    return {};
  }
  if (op === "close") {
    cancelled.delete(jobId);
    const parser = parsers.get(jobId);
    parsers.delete(jobId);
    await parser?.destroy();
    return {};
  }
  throw new Error(`unknown op ${op}`);
}

parentPort.on("message", (message) => {
  handle(message).then(
    (result) =>
      parentPort.postMessage({ jobId: message.jobId, requestId: message.requestId, kind: "done", ...result }),
    (error) =>
      parentPort.postMessage({
        jobId: message.jobId,
        requestId: message.requestId,
        kind: "error",
        error: describeError(error),
      }),
  );
});
