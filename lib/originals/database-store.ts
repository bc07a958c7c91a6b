import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { originalPieces } from "@/lib/db/schema";
import type { ByteRange, LocalOriginal, OriginalStore } from "./store";

/** Bytes per stored row: big enough for few round trips, small enough to stream. */
const PIECE_BYTES = 1024 * 1024;

/** Pieces with no document after this long were left by an interrupted upload. */
const ORPHAN_AFTER = "1 hour";

/**
 * Originals in the documents database, in rows of about 1 MB: every instance that shares the
 * database (DATABASE_URL) reaches them, with nothing else to run.
 */
export class DatabaseOriginalStore implements OriginalStore {
  readonly kind = "database" as const;
  private readonly tempDir: string;
  private readonly database: () => Promise<Database>;

  constructor({ tempDir, database }: { tempDir: string; database: () => Promise<Database> }) {
    this.tempDir = tempDir;
    this.database = database;
  }

  async write(id: string, source: Readable): Promise<number> {
    const db = await this.database();
    let seq = 0;
    let bytes = 0;
    let buffered: Buffer[] = [];
    let bufferedBytes = 0;
    let inserting: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      if (bufferedBytes === 0) return;
      const data = Buffer.concat(buffered, bufferedBytes);
      buffered = [];
      bufferedBytes = 0;
      inserting = db.insert(originalPieces).values({ documentId: id, seq: seq++, data });
      await inserting;
    };
    const sink = new Writable({
      async write(chunk: Buffer, _encoding, done) {
        try {
          bytes += chunk.length;
          buffered.push(chunk);
          bufferedBytes += chunk.length;
          if (bufferedBytes >= PIECE_BYTES) await flush();
          done();
        } catch (error) {
          done(error as Error);
        }
      },
      async final(done) {
        try {
          await flush();
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    });
    try {
      await pipeline(source, sink);
    } catch (error) {
      // A piece may still be on its way in when the source fails: let it land, then remove them all.
      await inserting.catch(() => {});
      await this.delete(id);
      throw error;
    }
    return bytes;
  }

  async read(id: string, range?: ByteRange): Promise<Readable | null> {
    const db = await this.database();
    const pieces = await db
      .select({
        seq: originalPieces.seq,
        bytes: sql<number>`octet_length(${originalPieces.data})`.mapWith(Number),
      })
      .from(originalPieces)
      .where(eq(originalPieces.documentId, id))
      .orderBy(asc(originalPieces.seq));
    if (pieces.length === 0) return null;
    // Where each piece starts in the file: a range reads only the pieces it overlaps.
    let offset = 0;
    const wanted = pieces.flatMap(({ seq, bytes }) => {
      const start = offset;
      offset += bytes;
      if (range && (start + bytes <= range.start || start > range.end)) return [];
      return [{ seq, start, bytes }];
    });
    // One row per read, so at most one piece is in memory per reader.
    return Readable.from(
      (async function* read() {
        for (const piece of wanted) {
          const [row] = await db
            .select({ data: originalPieces.data })
            .from(originalPieces)
            .where(and(eq(originalPieces.documentId, id), eq(originalPieces.seq, piece.seq)));
          if (!row) return;
          const data = Buffer.from(row.data);
          if (!range) yield data;
          else {
            const from = Math.max(0, range.start - piece.start);
            const to = Math.min(piece.bytes, range.end - piece.start + 1);
            yield data.subarray(from, to);
          }
        }
      })(),
    );
  }

  async localFile(id: string): Promise<LocalOriginal | null> {
    const source = await this.read(id);
    if (!source) return null;
    await mkdir(this.tempDir, { recursive: true });
    const file = path.join(this.tempDir, `${id}-${process.pid}-${Date.now()}`);
    const release = () => rm(file, { force: true });
    try {
      await pipeline(source, createWriteStream(file));
    } catch (error) {
      await release();
      throw error;
    }
    return { path: file, release };
  }

  async delete(id: string): Promise<void> {
    const db = await this.database();
    await db.delete(originalPieces).where(eq(originalPieces.documentId, id));
  }

  async sweep(): Promise<void> {
    const db = await this.database();
    await db.execute(
      sql`DELETE FROM original_pieces WHERE created_at < now() - ${ORPHAN_AFTER}::interval
          AND document_id NOT IN (SELECT id FROM documents)`,
    );
    await rm(this.tempDir, { recursive: true, force: true });
  }
}
