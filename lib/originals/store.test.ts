import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, openDatabase } from "@/lib/db/client";
import { createTestDatabase, postgresUrl } from "@/lib/test/postgres";
import { DatabaseOriginalStore } from "./database-store";
import { FileOriginalStore } from "./file-store";
import type { OriginalStore } from "./store";

const temp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

type Backend = { name: string; open: () => Promise<{ store: OriginalStore; close: () => Promise<void> }> };

const backends: Backend[] = [
  {
    name: "files (DATA_DIR/originals)",
    open: async () => ({
      store: new FileOriginalStore({ directory: temp("originals-") }),
      close: async () => {},
    }),
  },
  {
    name: "database (PGlite)",
    open: async () => {
      const connection = await openDatabase({ dataDir: temp("originals-db-") });
      return { store: databaseStore(connection), close: () => connection.close() };
    },
  },
];
if (postgresUrl) {
  backends.push({
    name: "database (Postgres)",
    open: async () => {
      const database = await createTestDatabase();
      const connection = await openDatabase({ DATABASE_URL: database.url, dataDir: "" });
      return {
        store: databaseStore(connection),
        close: async () => {
          await connection.close();
          await database.drop();
        },
      };
    },
  });
}

function databaseStore(connection: Connection) {
  return new DatabaseOriginalStore({ tempDir: temp("originals-tmp-"), database: async () => connection.db });
}

/** A stream of `total` random bytes in pieces of `piece`, and the sha256 of what it yields. */
function randomStream(total: number, piece = 64 * 1024) {
  const hash = createHash("sha256");
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const chunk = randomBytes(Math.min(piece, total - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest("hex") };
}

async function sha256Of(stream: Readable) {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

describe.each(backends)("the original store: $name", (backend) => {
  let store: OriginalStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(() => close());

  it("keeps a file's exact bytes, streamed in and out, across several pieces", async () => {
    const id = randomUUID();
    const source = randomStream(3.5 * 1024 * 1024);
    expect(await store.write(id, source.stream)).toBe(3.5 * 1024 * 1024);
    const digest = source.digest();
    expect(await sha256Of((await store.read(id)) as Readable)).toBe(digest);
    const local = await store.localFile(id);
    expect(
      createHash("sha256")
        .update(readFileSync(local?.path ?? ""))
        .digest("hex"),
    ).toBe(digest);
    await local?.release();
  });

  it("reads a byte range exactly, within a piece and across pieces' edges", async () => {
    const id = randomUUID();
    const bytes = randomBytes(Math.floor(2.7 * 1024 * 1024));
    await store.write(id, Readable.from([bytes.subarray(0, 700_000), bytes.subarray(700_000)]));
    const mb = 1024 * 1024;
    for (const range of [
      { start: 0, end: 0 },
      { start: 10, end: 4095 },
      { start: mb - 100, end: mb + 100 },
      { start: 500_000, end: 2 * mb + 17 },
      { start: bytes.length - 5, end: bytes.length - 1 },
    ]) {
      const read = Buffer.concat(await ((await store.read(id, range)) as Readable).toArray());
      expect(read.equals(bytes.subarray(range.start, range.end + 1)), `${range.start}-${range.end}`).toBe(
        true,
      );
    }
  });

  it("forgets a deleted original, and answers null for one it never had", async () => {
    const id = randomUUID();
    await store.write(id, Readable.from([Buffer.from("short text")]));
    expect(await text((await store.read(id)) as Readable)).toBe("short text");
    await store.delete(id);
    expect(await store.read(id)).toBeNull();
    expect(await store.localFile(id)).toBeNull();
    expect(await store.read(randomUUID())).toBeNull();
  });

  it("keeps nothing of a write whose source fails midway", async () => {
    const id = randomUUID();
    const failing = new Readable({
      read() {
        this.push(randomBytes(1024 * 1024));
        if (this.readableLength > 0) this.destroy(new Error("the client went away"));
      },
    });
    await expect(store.write(id, failing)).rejects.toThrow(/went away/);
    expect(await store.read(id)).toBeNull();
  });
});

describe("the file store's sweep", () => {
  it("removes what an interrupted write left, and nothing else", async () => {
    const directory = temp("originals-sweep-");
    const store = new FileOriginalStore({ directory });
    const kept = randomUUID();
    await store.write(kept, Readable.from([Buffer.from("kept")]));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(directory, `${randomUUID()}.partial`), "half");
    await store.sweep();
    expect(readdirSync(directory)).toEqual([kept]);
  });
});
