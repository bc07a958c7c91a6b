// OCR speed: tesseract.js (what the app runs, English data from @tesseract.js-data/eng) against
// Debian's native `tesseract` CLI (package tesseract-ocr, for this bench only) on the same page
// images, the same model file and the same settings, with every core in use: one tesseract.js worker
// or one single-threaded CLI process per core. Prints one JSON line; asserts nothing.
// Usage: npx tsx --conditions=react-server scripts/bench/ocr.ts
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { createScheduler, createWorker, OEM } from "tesseract.js";
import { toPgm } from "../../lib/ingest/extract/ocr";
import { renderPagesForOcr } from "../../lib/ingest/extract/pdf";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "e2e/fixtures");
const dataFolder = path.join(root, "node_modules/@tesseract.js-data/eng/4.0.0_best_int");
const cores = availableParallelism();

/** Runs `work` on every item, `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// The three scanned pages of the fixture, and five text pages of the manual rendered the same way.
const images = [
  ...(await renderPagesForOcr(path.join(fixtures, "scanned-speex.pdf"), [1, 2, 3])),
  ...(await renderPagesForOcr(path.join(fixtures, "speex-manual.pdf"), [8, 9, 10, 11, 12])),
];

const started = performance.now();
const scheduler = createScheduler();
for (let n = 0; n < cores; n++)
  scheduler.addWorker(
    await createWorker("eng", OEM.LSTM_ONLY, { langPath: dataFolder, gzip: true, cacheMethod: "none" }),
  );
const initSeconds = (performance.now() - started) / 1000 / cores;
const jsStarted = performance.now();
const words: number[] = [];
await Promise.all(
  images.map(async (image) => {
    const { data } = await scheduler.addJob("recognize", toPgm(image), {}, { blocks: true, text: false });
    words.push(
      (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words))).length,
    );
  }),
);
const jsSeconds = (performance.now() - jsStarted) / 1000;
await scheduler.terminate();

let native: { secondsPerPagePerCore: number } | { skipped: string };
if (spawnSync("tesseract", ["--version"]).status !== 0) {
  native = { skipped: "tesseract not installed (apt-get install tesseract-ocr)" };
} else {
  const folder = mkdtempSync(path.join(tmpdir(), "bench-ocr-"));
  try {
    writeFileSync(
      path.join(folder, "eng.traineddata"),
      gunzipSync(readFileSync(path.join(dataFolder, "eng.traineddata.gz"))),
    );
    const files = images.map((image, n) => {
      const file = path.join(folder, `page-${n}.pgm`);
      writeFileSync(file, toPgm(image));
      return file;
    });
    const cliStarted = performance.now();
    await pool(files, cores, (file) =>
      promisify(execFile)(
        "tesseract",
        [file, "stdout", "--tessdata-dir", folder, "-l", "eng", "--oem", "1", "--psm", "3"],
        { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, maxBuffer: 16 * 1024 * 1024 },
      ),
    );
    native = { secondsPerPagePerCore: ((performance.now() - cliStarted) / 1000 / images.length) * cores };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const jsPerPage = (jsSeconds / images.length) * cores;
console.log(
  JSON.stringify({
    pages: images.length,
    pixels: `${images[0].width}x${images[0].height}`,
    cores,
    words: words.reduce((sum, n) => sum + n, 0),
    tesseractJs: {
      initSecondsPerWorker: +initSeconds.toFixed(2),
      secondsPerPagePerCore: +jsPerPage.toFixed(2),
    },
    native:
      "skipped" in native ? native : { secondsPerPagePerCore: +native.secondsPerPagePerCore.toFixed(2) },
    ratio: "skipped" in native ? null : +(jsPerPage / native.secondsPerPagePerCore).toFixed(2),
  }),
);
