import "server-only";
import { randomBytes } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import { messageText } from "@/lib/chat/message-parts";
import type { ChatUIMessage } from "@/lib/chat/types";
import type { Database } from "./client";
import { type ChatRow, chatMessages, chats, deletedChats } from "./schema";

const TITLE_LENGTH = 80;

/** A title from the first question: its first line, shortened at a word boundary. */
export function titleFrom(messages: ChatUIMessage[]): string {
  const first = messages.find((message) => message.role === "user");
  const text = first ? messageText(first).trim().split("\n")[0].trim() : "";
  if (!text) return "New chat";
  if (text.length <= TITLE_LENGTH) return text;
  const cut = text.slice(0, TITLE_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), TITLE_LENGTH / 2))}…`;
}

export type SaveOutcome = "saved" | "deleted" | "conflict";

type Reader = Pick<Database, "select">;

async function readMessages(db: Reader, id: string): Promise<ChatUIMessage[]> {
  const rows = await db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.chatId, id))
    .orderBy(asc(chatMessages.position));
  return rows.map(
    (row) =>
      ({
        id: row.id,
        role: row.role,
        parts: row.parts,
        ...(row.metadata ? { metadata: row.metadata } : {}),
      }) as ChatUIMessage,
  );
}

/**
 * Stores a chat's messages as they are now; the title is set once, from the first question. A deleted
 * chat is never brought back, and with `canReplace` the stored messages are checked, under a row lock,
 * before they are replaced: two requests for one chat cannot erase each other's turns.
 */
export async function saveChat(
  db: Database,
  {
    id,
    messages,
    canReplace,
  }: {
    id: string;
    messages: ChatUIMessage[];
    canReplace?: (stored: ChatUIMessage[]) => boolean;
  },
): Promise<SaveOutcome> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx.select().from(deletedChats).where(eq(deletedChats.id, id));
    if (deleted) return "deleted";
    const [existing] = await tx.select({ id: chats.id }).from(chats).where(eq(chats.id, id)).for("update");
    if (existing && canReplace && !canReplace(await readMessages(tx, id))) return "conflict";
    await tx
      .insert(chats)
      .values({ id, title: titleFrom(messages) })
      .onConflictDoUpdate({ target: chats.id, set: { updatedAt: sql`now()` } });
    await tx.delete(chatMessages).where(eq(chatMessages.chatId, id));
    if (messages.length > 0) {
      await tx.insert(chatMessages).values(
        messages.map((message, position) => ({
          id: message.id,
          chatId: id,
          position,
          role: message.role,
          parts: message.parts,
          metadata: message.metadata ?? null,
        })),
      );
    }
    return "saved";
  });
}

export function listChats(db: Database): Promise<ChatRow[]> {
  return db.select().from(chats).orderBy(desc(chats.updatedAt));
}

export async function findChat(
  db: Database,
  id: string,
): Promise<{ chat: ChatRow; messages: ChatUIMessage[] } | null> {
  const [chat] = await db.select().from(chats).where(eq(chats.id, id));
  if (!chat) return null;
  return { chat, messages: await readMessages(db, id) };
}

export async function renameChat(
  db: Database,
  { id, title }: { id: string; title: string },
): Promise<ChatRow | null> {
  const rows = await db
    .update(chats)
    .set({ title, updatedAt: sql`now()` })
    .where(eq(chats.id, id))
    .returning();
  return rows[0] ?? null;
}

export async function deleteChat(db: Database, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.delete(chats).where(eq(chats.id, id)).returning({ id: chats.id });
    if (rows.length > 0) await tx.insert(deletedChats).values({ id }).onConflictDoNothing();
    return rows.length > 0;
  });
}

export async function isDeletedChat(db: Database, id: string): Promise<boolean> {
  const rows = await db.select({ id: deletedChats.id }).from(deletedChats).where(eq(deletedChats.id, id));
  return rows.length > 0;
}

/** Shares a chat read-only under an unguessable token (256 random bits); returns null for no such chat. */
export async function shareChat(db: Database, id: string): Promise<string | null> {
  // An existing link is kept: sharing again must not break the link already sent to people.
  const [row] = await db
    .update(chats)
    .set({ shareToken: sql`coalesce(${chats.shareToken}, ${randomBytes(32).toString("base64url")})` })
    .where(eq(chats.id, id))
    .returning({ shareToken: chats.shareToken });
  return row?.shareToken ?? null;
}

/** Revokes the share link; the old link then answers 404. */
export async function unshareChat(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(chats)
    .set({ shareToken: null })
    .where(eq(chats.id, id))
    .returning({ id: chats.id });
  return rows.length > 0;
}

export async function findSharedChat(db: Database, token: string) {
  if (!/^[\w-]{43}$/.test(token)) return null;
  const [chat] = await db.select({ id: chats.id }).from(chats).where(eq(chats.shareToken, token));
  return chat ? findChat(db, chat.id) : null;
}
