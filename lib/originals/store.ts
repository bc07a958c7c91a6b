import "server-only";
import type { Readable } from "node:stream";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { DatabaseOriginalStore } from "./database-store";
import { FileOriginalStore } from "./file-store";

/** Bytes start to end of a file, both included (an HTTP Range's). */
export type ByteRange = { start: number; end: number };

/** A local file holding an original, for the extraction worker; release it once done. */
export type LocalOriginal = { path: string; release: () => Promise<void> };

/**
 * Where the original bytes of every document are kept, streamed in and out, never whole in memory.
 * Keys are document ids.
 */
export interface OriginalStore {
  readonly kind: "files" | "database";
  /** Stores `source` under `id`; on failure nothing is left under it. Returns the bytes written. */
  write(id: string, source: Readable): Promise<number>;
  /** The original as a stream, or its bytes `range.start` to `range.end` (inclusive); null when none is kept under `id`. */
  read(id: string, range?: ByteRange): Promise<Readable | null>;
  /** The original as a local file: the stored file itself, or a temporary copy. */
  localFile(id: string): Promise<LocalOriginal | null>;
  delete(id: string): Promise<void>;
  /** Removes what interrupted writes left behind. */
  sweep(): Promise<void>;
}

let store: OriginalStore | undefined;

/** The configured store: DATA_DIR/originals, or the database (ORIGINALS_STORE). */
export function originalStore(): OriginalStore {
  const { originalsStore, dataDir } = env();
  if (store?.kind !== originalsStore) {
    store =
      originalsStore === "database"
        ? new DatabaseOriginalStore({ tempDir: `${dataDir}/tmp`, database: getDb })
        : new FileOriginalStore({ directory: `${dataDir}/originals` });
  }
  return store;
}
