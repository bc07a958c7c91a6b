import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChatUIMessage } from "@/lib/chat/types";
import type { Database } from "./client";
import { LOCAL_OWNER } from "./schema";

// The same registry and chat storage on a real Postgres server, when one is reachable. `.ci/run`
// starts Debian's PostgreSQL and sets TEST_DATABASE_URL; without it these tests are skipped.
const url = process.env.TEST_DATABASE_URL;

beforeAll(() => {
  if (url) process.env.DATABASE_URL = url;
});

describe.skipIf(!url)("database on Postgres (DATABASE_URL)", () => {
  it("migrates, keeps the registry consistent, and a second instance's lexical index follows every change", async () => {
    const { getConnection } = await import("./client");
    const documents = await import("./documents");
    const { claimJob } = await import("./ingest-jobs");
    const { SyncedLexicalIndex } = await import("@/lib/lexical/synced-index");
    const { SegmentBuilder } = await import("@/lib/lexical/segment");
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { db, kind } = await getConnection();
    expect(kind).toBe("postgres");
    // Another app instance: its own pool on the same database, and its own copy of the index.
    const otherPool = new Pool({ connectionString: url, max: 2 });
    const other = drizzle(otherPool) as unknown as Database;
    const otherIndex = new SyncedLexicalIndex();
    try {
      const id = randomUUID();
      const term = `zyzzyva${id.slice(0, 8)}`;
      const registered = {
        name: "pg.txt",
        kind: "text" as const,
        bytes: 3,
        mimeType: "text/plain",
        embedder: "x",
      };
      const queued = await documents.insertQueuedDocument(db, { id, sha256: `sha-${id}`, ...registered });
      expect(queued?.status).toBe("queued");
      expect(
        await documents.insertQueuedDocument(db, { id: randomUUID(), sha256: `sha-${id}`, ...registered }),
      ).toBeNull();
      const held = async () =>
        (await otherIndex.fresh({ db: other, listen: null })).index
          .statistics([term])
          .frequencies.get(term) ?? 0;
      expect(await held()).toBe(0);

      // Indexed and made ready by this instance: the other one's next search finds the term.
      while ((await claimJob(db, "pg-test"))?.document.id !== id) {}
      const segment = new SegmentBuilder();
      segment.addText(0, `${term} lives here`);
      segment.addText(1, "and not here");
      expect(
        await documents.markDocumentReady(db, { id, pages: null, chunks: 2, segment: segment.build() }),
      ).not.toBeNull();
      expect(await held()).toBe(1);
      expect(
        (await otherIndex.fresh({ db: other, listen: null })).index.search([{ term, weight: 1 }], {
          topK: 5,
          documentIds: null,
        }),
      ).toEqual([expect.objectContaining({ documentId: id, chunkIndex: 0 })]);

      // Deleting hides it from the other instance at once, and the row's removal leaves no segment.
      expect((await documents.claimForDeletion(db, id))?.status).toBe("deleting");
      expect(await documents.claimForDeletion(db, id)).toBeNull();
      expect(await held()).toBe(0);
      await documents.deleteDocumentRow(db, id);
      expect(await documents.findDocument(db, id)).toBeUndefined();
      expect((await otherIndex.fresh({ db: other, listen: null })).index.has(id)).toBe(false);
    } finally {
      await otherPool.end();
    }
  });

  it("counts rate-limited requests atomically across instances sharing the database", async () => {
    const { getDb } = await import("./client");
    const { countRequest } = await import("./rate-limits");
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    // A second app instance: its own connection pool on the same database.
    const otherPool = new Pool({ connectionString: url, max: 5 });
    try {
      const instances = [await getDb(), drizzle(otherPool) as unknown as Database];
      const key = `chat:${randomUUID()}`;
      const counted = await Promise.all(
        Array.from({ length: 12 }, (_, n) => countRequest(instances[n % 2], key)),
      );
      // No request is lost or counted twice: each one got its own place in the window.
      expect(counted.map((entry) => entry.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, n) => n + 1),
      );
      expect(counted.every((entry) => entry.secondsLeft >= 1 && entry.secondsLeft <= 60)).toBe(true);
    } finally {
      await otherPool.end();
    }
  });

  it("stores, lists, renames, shares and deletes chats", async () => {
    const { getDb } = await import("./client");
    const chats = await import("./chats");
    const db = await getDb();
    const id = `pg-chat-${randomUUID()}`;
    const messages: ChatUIMessage[] = [
      { id: "1", role: "user", parts: [{ type: "text", text: "Hello Postgres?" }] },
      {
        id: "2",
        role: "assistant",
        parts: [{ type: "text", text: "Hello." }],
        metadata: { mode: "offline", model: "m", usedDocuments: true },
      },
    ];
    const begun = await chats.beginTurn(db, {
      id,
      ownerId: LOCAL_OWNER,
      question: messages[0],
      streamId: `s-${id}`,
    });
    if (typeof begun === "string") throw new Error(begun);
    // Postgres's row lock, like PGlite's: the turn is saved against the version it began from.
    expect(
      await chats.beginTurn(db, { id, ownerId: LOCAL_OWNER, question: messages[0], streamId: "other" }),
    ).toBe("busy");
    expect(await chats.finishTurn(db, { id, version: begun.version, answer: messages[1] })).toBe("saved");
    expect((await chats.findChat(db, { id, ownerId: LOCAL_OWNER }))?.messages).toEqual(messages);
    expect((await chats.listChats(db, LOCAL_OWNER))[0].id).toBe(id);
    expect((await chats.renameChat(db, { id, ownerId: LOCAL_OWNER, title: "Renamed" }))?.title).toBe(
      "Renamed",
    );
    const token = (await chats.shareChat(db, { id, ownerId: LOCAL_OWNER })) as string;
    expect((await chats.findSharedChat(db, token))?.chat.id).toBe(id);
    await chats.unshareChat(db, { id, ownerId: LOCAL_OWNER });
    expect(await chats.findSharedChat(db, token)).toBeNull();
    expect(await chats.deleteChat(db, { id, ownerId: LOCAL_OWNER })).toBe(true);
  });
});
