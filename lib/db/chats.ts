import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
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

/** An answer still marked as being written after this long was lost with its server (maxDuration is 2 minutes). */
const STALE_STREAM_MS = 5 * 60_000;

export type TurnRequest = {
  id: string;
  /** The person asking: a chat of someone else's is not theirs to continue. */
  ownerId: string;
  /** A new question, or none to answer the last saved question again (regenerate, retry). */
  question?: ChatUIMessage;
  /**
   * The last message the asking page had before this turn (for a regenerate, the question it
   * answers again). When given and the saved chat has moved on, the turn is refused: the page
   * missed turns written elsewhere. Omitted (API clients), the turn goes after whatever is saved.
   */
  parentId?: string | null;
  /** The resumable stream that will carry the answer. */
  streamId: string;
};

export type BegunTurn = {
  /** The saved conversation the answer follows, ending with its question. */
  messages: ChatUIMessage[];
  /** The chat's version once the turn has begun; finishTurn saves only against it. */
  version: number;
};

export type TurnRefusal = "deleted" | "changed" | "busy" | "no-question" | "not-found";

/**
 * Begins a turn on the server's own copy of the chat, under a row lock: a new question is appended,
 * a regenerate drops the last answer. Nothing a page sends about earlier turns is written. The chat
 * is marked as having an answer in progress, so a second page resumes that answer instead of
 * starting another alongside it.
 */
export async function beginTurn(db: Database, turn: TurnRequest): Promise<BegunTurn | TurnRefusal> {
  return db.transaction(async (tx) => {
    const [chat] = await tx.select().from(chats).where(eq(chats.id, turn.id)).for("update");
    // A deleted chat has no row left; its id stays refused.
    if (!chat && (await tx.select().from(deletedChats).where(eq(deletedChats.id, turn.id))).length > 0)
      return "deleted";
    if (chat && chat.ownerId !== turn.ownerId) return "not-found";
    const answering =
      chat?.activeStreamId &&
      chat.activeStreamAt &&
      Date.now() - chat.activeStreamAt.getTime() < STALE_STREAM_MS;
    if (answering) return "busy";
    const saved = chat ? await readMessages(tx, turn.id) : [];
    let messages = saved;
    if (!turn.question) {
      const asked = messages.findLastIndex((message) => message.role === "user");
      if (asked === -1) return "no-question";
      messages = messages.slice(0, asked + 1);
    }
    if (turn.parentId !== undefined && (messages.at(-1)?.id ?? null) !== turn.parentId) return "changed";
    if (turn.question) {
      const { id } = turn.question;
      if (messages.some((message) => message.id === id)) return "changed";
      messages = [...messages, turn.question];
    }
    const version = (chat?.version ?? 0) + 1;
    const mark = {
      version,
      activeStreamId: turn.streamId,
      activeStreamAt: new Date(),
      updatedAt: new Date(),
    };
    if (chat) await tx.update(chats).set(mark).where(eq(chats.id, turn.id));
    else
      await tx
        .insert(chats)
        .values({ id: turn.id, ownerId: turn.ownerId, title: titleFrom(messages), ...mark });
    // Only what changed is written: the new question, or the removal of the answer given again.
    if (messages.length < saved.length)
      await tx
        .delete(chatMessages)
        .where(and(eq(chatMessages.chatId, turn.id), gte(chatMessages.position, messages.length)));
    if (turn.question) await tx.insert(chatMessages).values(messageRow(turn.id, turn.question, saved.length));
    return { messages, version };
  });
}

export type FinishOutcome = "saved" | "deleted" | "conflict";

/**
 * Ends a turn begun at `version`: appends the answer (unless there is none: it failed before its
 * first token, and the question stays saved, unanswered, for a retry) and clears the in-progress mark.
 */
export async function finishTurn(
  db: Database,
  { id, version, answer }: { id: string; version: number; answer: ChatUIMessage | null },
): Promise<FinishOutcome> {
  return db.transaction(async (tx) => {
    const [chat] = await tx.select().from(chats).where(eq(chats.id, id)).for("update");
    if (!chat) return "deleted";
    if (chat.version !== version) return "conflict";
    await tx
      .update(chats)
      .set({ version: version + 1, activeStreamId: null, activeStreamAt: null, updatedAt: new Date() })
      .where(eq(chats.id, id));
    if (answer) {
      const [{ count }] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(chatMessages)
        .where(eq(chatMessages.chatId, id));
      await tx.insert(chatMessages).values(messageRow(id, answer, count));
    }
    return "saved";
  });
}

function messageRow(chatId: string, message: ChatUIMessage, position: number) {
  return {
    id: message.id,
    chatId,
    position,
    role: message.role,
    parts: message.parts,
    metadata: message.metadata ?? null,
  };
}

/** A chat by id, if it is this person's: chats are private to their author. */
export type ChatKey = { id: string; ownerId: string };

function owned({ id, ownerId }: ChatKey) {
  return and(eq(chats.id, id), eq(chats.ownerId, ownerId));
}

/** The resumable stream of the answer being written for a chat, if one is. */
export async function activeStreamOf(db: Database, key: ChatKey): Promise<string | null> {
  const [chat] = await db.select({ streamId: chats.activeStreamId }).from(chats).where(owned(key));
  return chat?.streamId ?? null;
}

export function listChats(db: Database, ownerId: string): Promise<ChatRow[]> {
  return db.select().from(chats).where(eq(chats.ownerId, ownerId)).orderBy(desc(chats.updatedAt));
}

export async function findChat(
  db: Database,
  key: ChatKey,
): Promise<{ chat: ChatRow; messages: ChatUIMessage[] } | null> {
  const [chat] = await db.select().from(chats).where(owned(key));
  if (!chat) return null;
  return { chat, messages: await readMessages(db, key.id) };
}

export async function renameChat(
  db: Database,
  { title, ...key }: ChatKey & { title: string },
): Promise<ChatRow | null> {
  const rows = await db.update(chats).set({ title, updatedAt: sql`now()` }).where(owned(key)).returning();
  return rows[0] ?? null;
}

export async function deleteChat(db: Database, key: ChatKey): Promise<boolean> {
  const { id } = key;
  return db.transaction(async (tx) => {
    const rows = await tx.delete(chats).where(owned(key)).returning({ id: chats.id });
    if (rows.length > 0) await tx.insert(deletedChats).values({ id }).onConflictDoNothing();
    return rows.length > 0;
  });
}

export async function isDeletedChat(db: Database, id: string): Promise<boolean> {
  const rows = await db.select({ id: deletedChats.id }).from(deletedChats).where(eq(deletedChats.id, id));
  return rows.length > 0;
}

/** Shares a chat read-only under an unguessable token (256 random bits); returns null for no such chat. */
export async function shareChat(db: Database, key: ChatKey): Promise<string | null> {
  // An existing link is kept: sharing again must not break the link already sent to people.
  const [row] = await db
    .update(chats)
    .set({ shareToken: sql`coalesce(${chats.shareToken}, ${randomBytes(32).toString("base64url")})` })
    .where(owned(key))
    .returning({ shareToken: chats.shareToken });
  return row?.shareToken ?? null;
}

/** Revokes the share link; the old link then answers 404. */
export async function unshareChat(db: Database, key: ChatKey): Promise<boolean> {
  const rows = await db.update(chats).set({ shareToken: null }).where(owned(key)).returning({ id: chats.id });
  return rows.length > 0;
}

export async function findSharedChat(db: Database, token: string) {
  if (!/^[\w-]{43}$/.test(token)) return null;
  const [chat] = await db.select().from(chats).where(eq(chats.shareToken, token));
  return chat ? findChat(db, chat) : null;
}
