import type { MessagePort } from "node:worker_threads";
import type { DocumentKind } from "@/lib/config/constants";
import type { ErrorCode } from "@/lib/errors";
import type { Chunk } from "../chunk";

/** What the ingestion worker thread is asked to do: extract and chunk one stored original. */
export type ExtractTask = {
  file: string;
  kind: DocumentKind;
  chunkTokens: number;
  overlapTokens: number;
  maxUnzippedBytes: number;
  /** Receives a ChunkBatch after each batch of pages, then the ExtractResult: one ordered channel. */
  port: MessagePort;
};

export type ChunkBatch = { pagesDone: number; pageCount: number | null; chunks: Chunk[] };

export type WorkerMessage = ({ type: "batch" } & ChunkBatch) | { type: "end"; result: ExtractResult };

export type ExtractResult =
  | { ok: true; pageCount: number | null; pagesDone: number; chunkCount: number }
  /** Errors cross the thread boundary as data: an AppError's class does not survive it. */
  | { ok: false; error: { code: ErrorCode; message: string } };
