import type { MessagePort } from "node:worker_threads";
import type { DocumentKind } from "@/lib/config/constants";
import type { ErrorCode } from "@/lib/errors";
import type { Chunk } from "../chunk";
import type { OcrOptions, WordBox } from "../extract";

/** What the ingestion worker thread is asked to do: extract and chunk one stored original. */
export type ExtractTask = {
  file: string;
  kind: DocumentKind;
  chunkTokens: number;
  overlapTokens: number;
  maxUnzippedBytes: number;
  /** OCR for PDF pages without a usable text layer; null when OCR is off. */
  ocr: OcrOptions | null;
  /** Receives a ChunkBatch after each batch of pages, then the ExtractResult: one ordered channel. */
  port: MessagePort;
};

export type ChunkBatch = {
  pagesDone: number;
  pageCount: number | null;
  chunks: Chunk[];
  /** The batch's pages read by OCR, with the words found and where. */
  ocrPages: { page: number; words: WordBox[] }[];
  /** The batch's pages with no text at all, even after OCR. */
  emptyPages: number[];
};

export type WorkerMessage = ({ type: "batch" } & ChunkBatch) | { type: "end"; result: ExtractResult };

export type ExtractResult =
  | { ok: true; pageCount: number | null; pagesDone: number; chunkCount: number }
  /** Errors cross the thread boundary as data: an AppError's class does not survive it. */
  | { ok: false; error: { code: ErrorCode; message: string } };

/** The viewer's request: the text of one stored original, extracted as indexing did (without OCR). */
export type ReadTextTask = { file: string; kind: DocumentKind; maxUnzippedBytes: number };

export type ReadTextResult =
  | { ok: true; pages: { page: number | null; text: string }[] }
  | { ok: false; error: { code: ErrorCode; message: string } };
