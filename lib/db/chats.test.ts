import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ChatUIMessage } from "@/lib/chat/types";
import { beginTurn, deleteChat, findChat, finishTurn, listChats, renameChat, titleFrom } from "./chats";
import { type Database, getDb } from "./client";
import { chats } from "./schema";

const user = (id: string, text: string): ChatUIMessage => ({
  id,
  role: "user",
  parts: [{ type: "text", text }],
});
const assistant = (id: string, text: string): ChatUIMessage => ({
  id,
  role: "assistant",
  parts: [{ type: "text", text }],
  metadata: { mode: "offline", model: "offline", usedDocuments: true },
});

/** One turn as the chat route makes it: the question is saved as it begins, the answer as it ends. */
async function saveTurn(db: Database, id: string, question: ChatUIMessage, answer: ChatUIMessage | null) {
  const begun = await beginTurn(db, { id, question, streamId: `stream-${question.id}` });
  if (typeof begun === "string") return begun;
  return finishTurn(db, { id, version: begun.version, answer });
}

describe("chat storage (PGlite)", () => {
  it("saves a conversation, titles it from the first question and reads it back in order", async () => {
    const db = await getDb();
    await saveTurn(
      db,
      "chat-a",
      user("1", "Where do kestrels nest?\nsecond line"),
      assistant("2", "In towers [1]."),
    );
    await saveTurn(db, "chat-a", user("3", "And owls?"), assistant("4", "Barns."));
    const found = await findChat(db, "chat-a");
    expect(found?.chat.title).toBe("Where do kestrels nest?");
    expect(found?.messages.map((message) => message.id)).toEqual(["1", "2", "3", "4"]);
    expect(found?.messages[1].metadata).toEqual({ mode: "offline", model: "offline", usedDocuments: true });
  });

  it("lists newest first, renames and deletes", async () => {
    const db = await getDb();
    await saveTurn(db, "chat-b", user("1", "Older"), null);
    // Saved a minute earlier: the order is by when a chat was last saved, not by chance of the clock.
    await db
      .update(chats)
      .set({ updatedAt: new Date(Date.now() - 60_000) })
      .where(eq(chats.id, "chat-b"));
    await saveTurn(db, "chat-c", user("1", "Newer"), null);
    const order = (await listChats(db)).map((chat) => chat.id);
    expect(order[0]).toBe("chat-c");
    expect(order.indexOf("chat-c")).toBeLessThan(order.indexOf("chat-b"));
    expect((await renameChat(db, { id: "chat-b", title: "Renamed" }))?.title).toBe("Renamed");
    expect(await renameChat(db, { id: "missing", title: "x" })).toBeNull();
    expect(await deleteChat(db, "chat-b")).toBe(true);
    expect(await findChat(db, "chat-b")).toBeNull();
    expect(await deleteChat(db, "chat-b")).toBe(false);
  });

  it("never brings a deleted chat back, even from an answer that ends after the delete", async () => {
    const db = await getDb();
    await saveTurn(db, "chat-d", user("1", "Kept?"), assistant("2", "Yes."));
    const begun = await beginTurn(db, { id: "chat-d", question: user("3", "Still there?"), streamId: "s-d" });
    expect(await deleteChat(db, "chat-d")).toBe(true);
    // The answer that was streaming when the chat was deleted ends and tries to save.
    if (typeof begun === "string") throw new Error(begun);
    expect(
      await finishTurn(db, { id: "chat-d", version: begun.version, answer: assistant("4", "Yes.") }),
    ).toBe("deleted");
    expect(await findChat(db, "chat-d")).toBeNull();
    expect(await saveTurn(db, "chat-d", user("5", "Again?"), null)).toBe("deleted");
    expect(await findChat(db, "chat-d")).toBeNull();
  });

  it("refuses a second turn while an answer is being written, and saves an answer only against its turn", async () => {
    const db = await getDb();
    const first = await beginTurn(db, { id: "chat-e", question: user("1", "Q1"), streamId: "s-1" });
    expect(await beginTurn(db, { id: "chat-e", question: user("2", "Q2"), streamId: "s-2" })).toBe("busy");
    if (typeof first === "string") throw new Error(first);
    expect(
      await finishTurn(db, { id: "chat-e", version: first.version, answer: assistant("a1", "A1") }),
    ).toBe("saved");
    // The same turn cannot be saved twice: the chat's version has moved on.
    expect(await finishTurn(db, { id: "chat-e", version: first.version, answer: assistant("x", "X") })).toBe(
      "conflict",
    );
    // A page that did not see A1 names Q1 as its last message.
    expect(
      await beginTurn(db, { id: "chat-e", question: user("2", "Q2"), parentId: "1", streamId: "s-3" }),
    ).toBe("changed");
    expect(await saveTurn(db, "chat-e", user("2", "Q2"), assistant("a2", "A2"))).toBe("saved");
    expect((await findChat(db, "chat-e"))?.messages.map((message) => message.id)).toEqual([
      "1",
      "a1",
      "2",
      "a2",
    ]);
  });

  it("shortens long first questions at a word", () => {
    const title = titleFrom([user("1", "word ".repeat(40))]);
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith("…")).toBe(true);
  });
});
