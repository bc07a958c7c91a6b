// OCR of page images with tesseract.js, inside the ingestion worker thread: the language data comes
// from the @tesseract.js-data packages on disk (nothing is downloaded), and each ingestion thread
// keeps one scheduler of tesseract workers for the documents it reads. Worker code: nothing here
// may import Next or read process.env.
import { createScheduler, createWorker, OEM, type Scheduler } from "tesseract.js";
import { withTimeout } from "@/lib/with-timeout";
import type { WordBox } from "./types";

export type OcrOptions = {
  /** Tesseract's language codes. */
  languages: string[];
  /** A folder holding <code>.traineddata.gz (LSTM models) for each language, on this machine. */
  dataFolder: string;
  /** Pages read at once: tesseract workers in each ingestion thread. */
  workers: number;
};

/** An 8-bit greyscale image, one byte a pixel, rows top to bottom. */
export type GrayImage = { width: number; height: number; pixels: Uint8Array };

export type OcrPage = { text: string; words: WordBox[] };

/** Tesseract's workers start in about a second; one that has not in this time never will. */
const START_TIMEOUT_MS = 60_000;
/** A page takes seconds (about 3 s a core at 150 dpi); one stuck for this long is given up. */
const PAGE_TIMEOUT_MS = 180_000;

/** OCR cannot run on this machine at all (its workers do not start): no page can be read. */
export class OcrUnavailableError extends Error {}

type Reader = { key: string; scheduler: Promise<Scheduler> };
let reader: Reader | undefined;

async function startScheduler({ languages, dataFolder, workers }: OcrOptions): Promise<Scheduler> {
  const scheduler = createScheduler();
  try {
    for (let n = 0; n < workers; n++) {
      // tesseract.js reports a failed start (missing data, say) to errorHandler, or else throws it
      // where nothing can catch it, and leaves createWorker pending.
      let failed: (error: Error) => void = () => {};
      const failure = new Promise<never>((_, reject) => {
        failed = reject;
      });
      const errorHandler = (error: unknown) => {
        failed(error instanceof Error ? error : new Error(String(error).replace(/^Error: /, "")));
        console.warn("[ocr]", error);
      };
      // A local langPath is read from disk; cacheMethod "none": nothing is written anywhere else.
      const worker = await Promise.race([
        createWorker(languages, OEM.LSTM_ONLY, {
          langPath: dataFolder,
          gzip: true,
          cacheMethod: "none",
          errorHandler,
        }),
        failure,
      ]);
      scheduler.addWorker(worker);
    }
  } catch (error) {
    await scheduler.terminate();
    throw error;
  }
  return scheduler;
}

function schedulerFor(options: OcrOptions): Reader {
  const key = `${options.languages.join("+")}@${options.dataFolder}/${options.workers}`;
  if (reader?.key !== key) {
    const previous = reader;
    const starting = withTimeout(
      startScheduler(options),
      START_TIMEOUT_MS,
      `its workers did not start within ${START_TIMEOUT_MS / 1000} s`,
    ).catch((error: unknown) => {
      throw new OcrUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
    });
    reader = { key, scheduler: starting };
    previous?.scheduler.then((scheduler) => scheduler.terminate()).catch(() => {});
    // A failed start is tried again by the next page.
    const started = reader;
    started.scheduler.catch(() => {
      if (reader === started) reader = undefined;
    });
  }
  return reader;
}

/** A greyscale image as PGM (a 15-byte header before the pixels), which Leptonica reads as is. */
export function toPgm({ width, height, pixels }: GrayImage): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, "ascii");
  return Buffer.concat([header, pixels]);
}

/**
 * Reads a page image: its text (paragraphs separated by a blank line) and its words with their
 * boxes as fractions of the page, origin at the top left.
 */
export async function recognizePage(image: GrayImage, options: OcrOptions): Promise<OcrPage> {
  const current = schedulerFor(options);
  const scheduler = await current.scheduler;
  const { data } = await withTimeout(
    scheduler.addJob("recognize", toPgm(image), {}, { blocks: true, text: false }),
    PAGE_TIMEOUT_MS,
    `no result within ${PAGE_TIMEOUT_MS / 1000} s`,
  ).catch((error: unknown) => {
    // A worker stuck on a page stays stuck: the next page starts new ones.
    if (reader === current) reader = undefined;
    scheduler.terminate().catch(() => {});
    throw error;
  });
  const words: WordBox[] = [];
  const paragraphs: string[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      const lines: string[] = [];
      for (const line of paragraph.lines) {
        // Every word is kept, however unsure: a filter on confidence lost words of a clean scan (a URL).
        const kept = line.words.filter((word) => word.text.trim());
        if (kept.length === 0) continue;
        lines.push(kept.map((word) => word.text).join(" "));
        for (const { text, bbox } of kept)
          words.push({
            text,
            box: [
              bbox.x0 / image.width,
              bbox.y0 / image.height,
              bbox.x1 / image.width,
              bbox.y1 / image.height,
            ],
          });
      }
      if (lines.length > 0) paragraphs.push(lines.join("\n"));
    }
  }
  return { text: paragraphs.join("\n\n"), words };
}
