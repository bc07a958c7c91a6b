import "server-only";
import type { Connection, Database } from "@/lib/db/client";
import { readSegments, searchVersion, segmentVersions } from "@/lib/db/lexical-segments";
import { processState } from "@/lib/process-state";
import { LexicalIndex } from "./lexical-index";

/** Segments read from the database per statement while an index catches up. */
const READ_BATCH = 50;

/** What is searchable, as of the database's search version. */
export type Searchable = {
  index: LexicalIndex;
  /** The Chroma collection (its suffix, lib/rag/chroma.ts) of each searchable document's chunks. */
  chromaOf: ReadonlyMap<string, string>;
  /**
   * Per Chroma collection, the documents that exist but are not searchable (indexing, failed,
   * deleting): the collection may hold their chunks.
   */
  notReady: ReadonlyMap<string, number>;
  /** The database's search version this copy is at. */
  version: number;
};

/** The channel that bump_search_version (migration 0008) notifies on every change it counts. */
const SEARCH_VERSION_CHANNEL = "search_version";

/**
 * This process's copy of the lexical index, kept in step with the database: a counter, raised by
 * triggers on every change to what is searchable by any instance, says when the segments must be
 * compared and the changed ones read. Where the connection can listen (PGlite), the counter's
 * notifications say when it moved and a search reads nothing; elsewhere each search reads it.
 */
export class SyncedLexicalIndex {
  private readonly index = new LexicalIndex();
  private version = -1;
  private notReady: ReadonlyMap<string, number> = new Map();
  private chromaOf = new Map<string, string>();
  private syncing: Promise<void> | undefined;
  private listening: Promise<boolean> | undefined;
  /** Listening, with no notification since the last read of the counter. */
  private current = false;

  async fresh({ db, listen }: Pick<Connection, "db" | "listen">): Promise<Searchable> {
    if (listen) {
      // Listening starts before the first read, so no change falls between the two.
      this.listening ??= listen(SEARCH_VERSION_CHANNEL, () => {
        this.current = false;
      }).then(
        () => true,
        (error) => {
          console.warn(
            "[lexical] cannot listen for changes; reading the search version on every search",
            error,
          );
          return false;
        },
      );
      if (await this.listening) {
        if (this.current) return this.searchable();
        this.current = true;
      }
    }
    // One catch-up at a time; it reads the counter again itself, so it is at least this current.
    if ((await searchVersion(db)) !== this.version) {
      this.syncing ??= this.sync(db).finally(() => {
        this.syncing = undefined;
      });
      await this.syncing;
    }
    return this.searchable();
  }

  private searchable(): Searchable {
    return { index: this.index, chromaOf: this.chromaOf, notReady: this.notReady, version: this.version };
  }

  /** The index as last brought up to date, without asking the database (just after `fresh`). */
  held(): LexicalIndex {
    return this.index;
  }

  private async sync(db: Database) {
    // Read before the segments: a change after this read raises the counter again, for the next search.
    const version = await searchVersion(db);
    const { segments, notReady } = await segmentVersions(db);
    const held = this.index.versions();
    const stored = new Set(segments.map((segment) => segment.documentId));
    for (const documentId of held.keys()) if (!stored.has(documentId)) this.index.remove(documentId);
    const changed = segments
      .filter((segment) => held.get(segment.documentId) !== segment.version)
      .map((segment) => segment.documentId);
    for (let start = 0; start < changed.length; start += READ_BATCH) {
      for (const row of await readSegments(db, changed.slice(start, start + READ_BATCH)))
        this.index.put(row.documentId, row.version, row.data);
    }
    this.notReady = notReady;
    this.chromaOf = new Map(segments.map((segment) => [segment.documentId, segment.chromaCollection]));
    this.version = version;
  }
}

export function lexicalIndex(): SyncedLexicalIndex {
  return processState("lexicalIndex", () => new SyncedLexicalIndex());
}
