import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ChatUIMessage } from "@/lib/chat/types";
import {
  beginTurn,
  deleteChat,
  findChat,
  finishTurn,
  listChats,
  renameChat,
  shareChat,
  titleFrom,
} from "./chats";
import { type Database, getDb } from "./client";
import { chats, LOCAL_OWNER } from "./schema";

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
async function saveTurn(
  db: Database,
  id: string,
  question: ChatUIMessage,
  answer: ChatUIMessage | null,
  ownerId = LOCAL_OWNER,
) {
  const begun = await beginTurn(db, { id, ownerId, question, streamId: `stream-${question.id}` });
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
    const found = await findChat(db, { id: "chat-a", ownerId: LOCAL_OWNER });
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
    const order = (await listChats(db, LOCAL_OWNER)).map((chat) => chat.id);
    expect(order[0]).toBe("chat-c");
    expect(order.indexOf("chat-c")).toBeLessThan(order.indexOf("chat-b"));
    expect((await renameChat(db, { id: "chat-b", ownerId: LOCAL_OWNER, title: "Renamed" }))?.title).toBe(
      "Renamed",
    );
    expect(await renameChat(db, { id: "missing", ownerId: LOCAL_OWNER, title: "x" })).toBeNull();
    expect(await deleteChat(db, { id: "chat-b", ownerId: LOCAL_OWNER })).toBe(true);
    expect(await findChat(db, { id: "chat-b", ownerId: LOCAL_OWNER })).toBeNull();
    expect(await deleteChat(db, { id: "chat-b", ownerId: LOCAL_OWNER })).toBe(false);
  });

  it("never brings a deleted chat back, even from an answer that ends after the delete", async () => {
    const db = await getDb();
    await saveTurn(db, "chat-d", user("1", "Kept?"), assistant("2", "Yes."));
    const begun = await beginTurn(db, {
      id: "chat-d",
      ownerId: LOCAL_OWNER,
      question: user("3", "Still there?"),
      streamId: "s-d",
    });
    expect(await deleteChat(db, { id: "chat-d", ownerId: LOCAL_OWNER })).toBe(true);
    // The answer that was streaming when the chat was deleted ends and tries to save.
    if (typeof begun === "string") throw new Error(begun);
    expect(
      await finishTurn(db, { id: "chat-d", version: begun.version, answer: assistant("4", "Yes.") }),
    ).toBe("deleted");
    expect(await findChat(db, { id: "chat-d", ownerId: LOCAL_OWNER })).toBeNull();
    expect(await saveTurn(db, "chat-d", user("5", "Again?"), null)).toBe("deleted");
    expect(await findChat(db, { id: "chat-d", ownerId: LOCAL_OWNER })).toBeNull();
  });

  it("refuses a second turn while an answer is being written, and saves an answer only against its turn", async () => {
    const db = await getDb();
    const first = await beginTurn(db, {
      id: "chat-e",
      ownerId: LOCAL_OWNER,
      question: user("1", "Q1"),
      streamId: "s-1",
    });
    expect(
      await beginTurn(db, { id: "chat-e", ownerId: LOCAL_OWNER, question: user("2", "Q2"), streamId: "s-2" }),
    ).toBe("busy");
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
      await beginTurn(db, {
        id: "chat-e",
        ownerId: LOCAL_OWNER,
        question: user("2", "Q2"),
        parentId: "1",
        streamId: "s-3",
      }),
    ).toBe("changed");
    expect(await saveTurn(db, "chat-e", user("2", "Q2"), assistant("a2", "A2"))).toBe("saved");
    expect(
      (await findChat(db, { id: "chat-e", ownerId: LOCAL_OWNER }))?.messages.map((message) => message.id),
    ).toEqual(["1", "a1", "2", "a2"]);
  });

  it("keeps a chat private to its owner: another owner's key finds, renames, deletes and shares nothing", async () => {
    const db = await getDb();
    await saveTurn(
      db,
      "chat-alice",
      user("1", "Alice's question"),
      assistant("2", "Alice's answer."),
      "alice",
    );
    const before = await findChat(db, { id: "chat-alice", ownerId: "alice" });
    expect(before?.messages.map((message) => message.id)).toEqual(["1", "2"]);

    const bob = { id: "chat-alice", ownerId: "bob" };
    expect(await findChat(db, bob)).toBeNull();
    expect(await renameChat(db, { ...bob, title: "Bob's now" })).toBeNull();
    expect(await deleteChat(db, bob)).toBe(false);
    expect(await shareChat(db, bob)).toBeNull();
    expect((await listChats(db, "bob")).map((chat) => chat.id)).not.toContain("chat-alice");

    // Alice's chat is as it was: same title, messages, no share link, still listed for her.
    const after = await findChat(db, { id: "chat-alice", ownerId: "alice" });
    expect(after?.chat.title).toBe("Alice's question");
    expect(after?.chat.shareToken).toBeNull();
    expect(after?.messages).toEqual(before?.messages);
    expect((await listChats(db, "alice")).map((chat) => chat.id)).toContain("chat-alice");
  });

  it("refuses a turn by another owner on a chat that is not theirs, and saves nothing of it", async () => {
    const db = await getDb();
    await saveTurn(db, "chat-alice-2", user("1", "Alice asks"), assistant("2", "Answered."), "alice");
    const before = await findChat(db, { id: "chat-alice-2", ownerId: "alice" });
    expect(
      await beginTurn(db, {
        id: "chat-alice-2",
        ownerId: "bob",
        question: user("3", "Bob asks"),
        streamId: "s-bob",
      }),
    ).toBe("not-found");
    const after = await findChat(db, { id: "chat-alice-2", ownerId: "alice" });
    expect(after?.messages.map((message) => message.id)).toEqual(["1", "2"]);
    expect(after?.chat.version).toBe(before?.chat.version);
    expect(after?.chat.activeStreamId).toBeNull();
    // Alice can still go on: bob's refused turn left no answer marked in progress.
    expect(await saveTurn(db, "chat-alice-2", user("3", "Alice again"), null, "alice")).toBe("saved");
  });

  it("shortens long first questions at a word", () => {
    const title = titleFrom([user("1", "word ".repeat(40))]);
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith("…")).toBe(true);
  });
});
