import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, openDatabase } from "@/lib/db/client";
import { deleteDocumentRow, insertQueuedDocument, markDocumentReady } from "@/lib/db/documents";
import { claimJob } from "@/lib/db/ingest-jobs";
import { SegmentBuilder } from "./segment";
import { SyncedLexicalIndex } from "./synced-index";

let dataDir: string;
let connection: Connection;

// Opening runs initdb and the migrations, which takes a while on a loaded machine.
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "synced-index-"));
  connection = await openDatabase({ dataDir });
}, 120_000);

afterAll(async () => {
  await connection?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function indexDocument(term: string): Promise<string> {
  const { db } = connection;
  const id = randomUUID();
  await insertQueuedDocument(db, {
    id,
    sha256: `sha-${id}`,
    name: `${term}.txt`,
    kind: "text",
    bytes: 3,
    mimeType: "text/plain",
    embedder: "x",
  });
  while ((await claimJob(db, "synced-index-test"))?.document.id !== id) {}
  const segment = new SegmentBuilder();
  segment.addText(0, `${term} is here`);
  await markDocumentReady(db, { id, pages: null, chunks: 1, segment: segment.build() });
  return id;
}

const holding = (index: SyncedLexicalIndex, term: string) =>
  index.fresh(connection).then(({ index }) => index.statistics([term]).frequencies.get(term) ?? 0);

describe("the lexical index kept in step with PGlite by notifications", () => {
  it("reads nothing while nothing changed, and sees every change as soon as the write has returned", async () => {
    const index = new SyncedLexicalIndex();
    const term = `quokka${randomUUID().slice(0, 8)}`;
    expect(await holding(index, term)).toBe(0);
    const { version } = await index.fresh(connection);

    // The counter moved without a notification: a listening index does not read it, so it is not
    // asked on every search. (Only the triggers move it in the app, and they notify.)
    await connection.db.execute(sql`UPDATE "search_state" SET "version" = "version" + 1`);
    expect((await index.fresh(connection)).version).toBe(version);

    // A document made searchable: the next search, right after the write, finds it.
    const id = await indexDocument(term);
    expect(await holding(index, term)).toBe(1);
    expect((await index.fresh(connection)).version).toBeGreaterThan(version + 1);

    // And deleted: gone from the next search.
    await deleteDocumentRow(connection.db, id);
    expect(await holding(index, term)).toBe(0);
  });

  it("reads the counter on every search where the connection cannot listen", async () => {
    const index = new SyncedLexicalIndex();
    const polling = { db: connection.db, listen: null };
    const { version } = await index.fresh(polling);
    await connection.db.execute(sql`UPDATE "search_state" SET "version" = "version" + 1`);
    expect((await index.fresh(polling)).version).toBe(version + 1);
  });

  it("falls back to reading the counter when listening fails", async () => {
    const index = new SyncedLexicalIndex();
    const failing = {
      db: connection.db,
      listen: () => Promise.reject(new Error("no LISTEN here")),
    };
    const { version } = await index.fresh(failing);
    await connection.db.execute(sql`UPDATE "search_state" SET "version" = "version" + 1`);
    expect((await index.fresh(failing)).version).toBe(version + 1);
  });
});
