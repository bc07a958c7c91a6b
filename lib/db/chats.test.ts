import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ChatUIMessage } from "@/lib/chat/types";
import { deleteChat, findChat, listChats, renameChat, saveChat, titleFrom } from "./chats";
import { getDb } from "./client";
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

describe("chat storage (PGlite)", () => {
  it("saves a conversation, titles it from the first question and reads it back in order", async () => {
    const db = await getDb();
    await saveChat(db, {
      id: "chat-a",
      messages: [user("1", "Where do kestrels nest?\nsecond line"), assistant("2", "In towers [1].")],
    });
    await saveChat(db, {
      id: "chat-a",
      messages: [
        user("1", "Where do kestrels nest?\nsecond line"),
        assistant("2", "In towers [1]."),
        user("3", "And owls?"),
        assistant("4", "Barns."),
      ],
    });
    const found = await findChat(db, "chat-a");
    expect(found?.chat.title).toBe("Where do kestrels nest?");
    expect(found?.messages.map((message) => message.id)).toEqual(["1", "2", "3", "4"]);
    expect(found?.messages[1].metadata).toEqual({ mode: "offline", model: "offline", usedDocuments: true });
  });

  it("lists newest first, renames and deletes", async () => {
    const db = await getDb();
    await saveChat(db, { id: "chat-b", messages: [user("1", "Older")] });
    // Saved a minute earlier: the order is by when a chat was last saved, not by chance of the clock.
    await db
      .update(chats)
      .set({ updatedAt: new Date(Date.now() - 60_000) })
      .where(eq(chats.id, "chat-b"));
    await saveChat(db, { id: "chat-c", messages: [user("1", "Newer")] });
    const order = (await listChats(db)).map((chat) => chat.id);
    expect(order[0]).toBe("chat-c");
    expect(order.indexOf("chat-c")).toBeLessThan(order.indexOf("chat-b"));
    expect((await renameChat(db, { id: "chat-b", title: "Renamed" }))?.title).toBe("Renamed");
    expect(await renameChat(db, { id: "missing", title: "x" })).toBeNull();
    expect(await deleteChat(db, "chat-b")).toBe(true);
    expect(await findChat(db, "chat-b")).toBeNull();
    expect(await deleteChat(db, "chat-b")).toBe(false);
  });

  it("never brings a deleted chat back, and saves over stored turns only when allowed", async () => {
    const db = await getDb();
    await saveChat(db, { id: "chat-d", messages: [user("1", "Kept?"), assistant("2", "Yes.")] });
    expect(await deleteChat(db, "chat-d")).toBe(true);
    // An answer that was still streaming when the chat was deleted ends and tries to save.
    expect(await saveChat(db, { id: "chat-d", messages: [user("1", "Kept?"), assistant("2", "Yes.")] })).toBe(
      "deleted",
    );
    expect(await findChat(db, "chat-d")).toBeNull();

    const stored = [user("1", "Q1"), assistant("2", "A1"), user("3", "Q2"), assistant("4", "A2")];
    await saveChat(db, { id: "chat-e", messages: stored });
    const outcome = await saveChat(db, {
      id: "chat-e",
      messages: [user("1", "Q1"), assistant("2", "A1"), user("5", "Q3"), assistant("6", "A3")],
      canReplace: (current) => current.length <= 2,
    });
    expect(outcome).toBe("conflict");
    expect((await findChat(db, "chat-e"))?.messages.map((message) => message.id)).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });

  it("shortens long first questions at a word", () => {
    const title = titleFrom([user("1", "word ".repeat(40))]);
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith("…")).toBe(true);
  });
});
