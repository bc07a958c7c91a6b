// Pages per second of each PDF text engine on one file, in one run, on this thread only: PDFium
// (the primary engine) and pdf.js through pdf-parse (the fallback). Each engine reads the file once
// to warm up, then the second read is timed. Prints one JSON line; asserts nothing.
// Usage: npx tsx --conditions=react-server scripts/bench/pdf-engines.ts [file.pdf]
import path from "node:path";
import { extractWithPdfium, extractWithPdfParse } from "../../lib/ingest/extract/pdf";

const file = path.resolve(
  process.argv[2] ?? path.join(import.meta.dirname, "../../e2e/fixtures/flex-manual.pdf"),
);

async function timeEngine(extract: typeof extractWithPdfium) {
  let pages = 0;
  let characters = 0;
  const read = async () => {
    pages = 0;
    characters = 0;
    for await (const batch of (await extract(file)).pages) {
      pages += batch.length;
      for (const page of batch) characters += page.text.length;
    }
  };
  await read();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await read();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    pages,
    characters,
    seconds: Number(seconds.toFixed(3)),
    pagesPerSecond: Math.round(pages / seconds),
    // Steadier than wall time on a busy machine: what one core would do.
    pagesPerCpuSecond: Math.round(pages / cpuSeconds),
    // Close to 1 on an idle core; below 1 when other processes took turns on it.
    cpuPerWallSecond: Number((cpuSeconds / seconds).toFixed(2)),
  };
}

const pdfium = await timeEngine(extractWithPdfium);
const pdfParse = await timeEngine(extractWithPdfParse);
console.log(
  JSON.stringify({
    bench: "pdf-engines",
    file: path.basename(file),
    pdfium,
    pdfParse,
    speedup: Number((pdfium.pagesPerSecond / pdfParse.pagesPerSecond).toFixed(1)),
  }),
);
