import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChatUIMessage } from "@/lib/chat/types";
import type { Database } from "./client";

// The same registry and chat storage on a real Postgres server, when one is reachable. `.ci/run`
// starts Debian's PostgreSQL and sets TEST_DATABASE_URL; without it these tests are skipped.
const url = process.env.TEST_DATABASE_URL;

beforeAll(() => {
  if (url) process.env.DATABASE_URL = url;
});

describe.skipIf(!url)("database on Postgres (DATABASE_URL)", () => {
  it("migrates, and keeps the document registry and its term statistics consistent", async () => {
    const { getConnection } = await import("./client");
    const documents = await import("./documents");
    const termStats = await import("./term-stats");
    const { db, kind } = await getConnection();
    expect(kind).toBe("postgres");
    const id = randomUUID();
    const term = `term-${id}`;
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
    await termStats.addTermCounts(db, { termCounts: new Map([[term, 2]]), chunks: 2, sign: 1 });
    expect((await termStats.corpusStatistics(db, [term])).frequencies.get(term)).toBe(2);
    expect((await documents.claimForDeletion(db, id))?.status).toBe("deleting");
    expect(await documents.claimForDeletion(db, id)).toBeNull();
    await termStats.addTermCounts(db, { termCounts: new Map([[term, 2]]), chunks: 2, sign: -1 });
    await documents.deleteDocumentRow(db, id);
    expect((await termStats.corpusStatistics(db, [term])).frequencies.has(term)).toBe(false);
    expect(await documents.findDocument(db, id)).toBeUndefined();
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
    await chats.saveChat(db, { id, messages });
    expect((await chats.findChat(db, id))?.messages).toEqual(messages);
    expect((await chats.listChats(db))[0].id).toBe(id);
    expect((await chats.renameChat(db, { id, title: "Renamed" }))?.title).toBe("Renamed");
    const token = (await chats.shareChat(db, id)) as string;
    expect((await chats.findSharedChat(db, token))?.chat.id).toBe(id);
    await chats.unshareChat(db, id);
    expect(await chats.findSharedChat(db, token)).toBeNull();
    expect(await chats.deleteChat(db, id)).toBe(true);
  });
});
