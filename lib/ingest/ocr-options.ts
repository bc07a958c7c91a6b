import "server-only";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { env } from "@/lib/config/env";
import type { OcrOptions } from "./extract";

/** Where a language's LSTM data (the "best_int" models, tesseract's own default) is in its npm package. */
function packageFolder(code: string): string {
  return path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    "node_modules/@tesseract.js-data",
    code,
    "4.0.0_best_int",
  );
}

/**
 * One folder that holds every language's data, as tesseract.js wants: the package's own folder for
 * one language, or DATA_DIR/ocr-languages with a link to each package's file for several.
 */
function dataFolder(languages: string[], dataDir: string): string {
  if (languages.length === 1) return packageFolder(languages[0]);
  const folder = path.join(dataDir, "ocr-languages");
  mkdirSync(folder, { recursive: true });
  for (const code of languages) {
    const link = path.join(folder, `${code}.traineddata.gz`);
    if (!existsSync(link)) symlinkSync(path.join(packageFolder(code), `${code}.traineddata.gz`), link);
  }
  return folder;
}

/**
 * What the ingestion threads need for OCR, or null with OCR=off. Each thread reads as many pages at
 * once as it has a share of the cores, so that one scanned document uses the machine. Throws when a
 * language in OCR_LANGUAGES has no data installed (checked at start-up).
 */
export function ocrOptions(): OcrOptions | null {
  const { OCR, OCR_LANGUAGES, INGEST_CONCURRENCY, dataDir } = env();
  if (OCR === "off") return null;
  const missing = OCR_LANGUAGES.filter(
    (code) => !existsSync(path.join(packageFolder(code), `${code}.traineddata.gz`)),
  );
  if (missing.length > 0) {
    throw new Error(
      `OCR_LANGUAGES names ${missing.join(", ")}, whose OCR data is not installed: run npm install ${missing.map((code) => `@tesseract.js-data/${code}`).join(" ")}, or set OCR=off.`,
    );
  }
  return {
    languages: OCR_LANGUAGES,
    dataFolder: dataFolder(OCR_LANGUAGES, dataDir),
    workers: Math.max(1, Math.floor(availableParallelism() / INGEST_CONCURRENCY)),
  };
}
