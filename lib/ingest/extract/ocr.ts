// OCR of page images with tesseract.js, inside the ingestion worker thread: the language data comes
// from the @tesseract.js-data packages on disk (nothing is downloaded), and each ingestion thread
// keeps one scheduler of tesseract workers for the documents it reads. Worker code: nothing here
// may import Next or read process.env.
import { createScheduler, createWorker, OEM, type Scheduler } from "tesseract.js";
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

type Reader = { key: string; scheduler: Promise<Scheduler> };
let reader: Reader | undefined;

async function startScheduler({ languages, dataFolder, workers }: OcrOptions): Promise<Scheduler> {
  const scheduler = createScheduler();
  try {
    for (let n = 0; n < workers; n++) {
      // A local langPath is read from disk; cacheMethod "none": nothing is written anywhere else.
      const worker = await createWorker(languages, OEM.LSTM_ONLY, {
        langPath: dataFolder,
        gzip: true,
        cacheMethod: "none",
      });
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
    reader = { key, scheduler: startScheduler(options) };
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
function toPgm({ width, height, pixels }: GrayImage): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, "ascii");
  return Buffer.concat([header, pixels]);
}

/**
 * Reads a page image: its text (paragraphs separated by a blank line) and its words with their
 * boxes as fractions of the page, origin at the top left.
 */
export async function recognizePage(image: GrayImage, options: OcrOptions): Promise<OcrPage> {
  const scheduler = await schedulerFor(options).scheduler;
  const { data } = await scheduler.addJob("recognize", toPgm(image), {}, { blocks: true, text: false });
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
