import "server-only";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { env } from "@/lib/config/env";
import type { OcrOptions } from "./extract";

/** A language's LSTM data (the "best_int" models: tesseract's own default) in its npm package. */
function languageFile(code: string): string {
  return path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    "node_modules/@tesseract.js-data",
    code,
    "4.0.0_best_int",
    `${code}.traineddata.gz`,
  );
}

/**
 * What the ingestion threads need for OCR, or null with OCR=off. Each thread reads as many pages at
 * once as it has a share of the cores, so that one scanned document uses the machine. Throws when a
 * language in OCR_LANGUAGES has no data installed (checked at start-up).
 */
export function ocrOptions(): OcrOptions | null {
  const { OCR, OCR_LANGUAGES, INGEST_CONCURRENCY } = env();
  if (OCR === "off") return null;
  const languages = OCR_LANGUAGES.map((code) => ({ code, file: languageFile(code) }));
  const missing = languages.filter((language) => !existsSync(language.file)).map(({ code }) => code);
  if (missing.length > 0) {
    throw new Error(
      `OCR_LANGUAGES names ${missing.join(", ")}, whose OCR data is not installed: run npm install ${missing.map((code) => `@tesseract.js-data/${code}`).join(" ")}, or set OCR=off.`,
    );
  }
  return { languages, workers: Math.max(1, Math.floor(availableParallelism() / INGEST_CONCURRENCY)) };
}
