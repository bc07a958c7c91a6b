import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { chats, collections, deletedChats, documents, sessions, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { deleteDocument } from "@/lib/ingest/delete-document";

export type AccountJson = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "member";
  disabled: boolean;
  createdAt: string;
};

export async function listAccounts(db: Database): Promise<AccountJson[]> {
  const rows = await db.select().from(users).orderBy(asc(users.createdAt));
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role === "admin" ? "admin" : "member",
    disabled: Boolean(row.banned),
    createdAt: row.createdAt.toISOString(),
  }));
}

async function otherAdmins(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), ne(users.id, userId), eq(users.banned, false)));
  return row.count;
}

/**
 * Disables an account (it cannot sign in, its sessions end at once and its API keys stop working)
 * or enables it again. The last admin cannot be disabled: nobody could enable it again.
 */
export async function setDisabled(db: Database, userId: string, disabled: boolean): Promise<AccountJson> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "There is no such account.");
  if (disabled && user.role === "admin" && (await otherAdmins(db, userId)) === 0)
    throw new AppError("conflict", "This is the only admin: make another admin before disabling it.");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ banned: disabled, updatedAt: new Date() }).where(eq(users.id, userId));
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
  });
  return (await listAccounts(db)).find((account) => account.id === userId) as AccountJson;
}

/**
 * Deletes an account with what is only theirs: the documents of their private collections (chunks
 * and originals too), their chats, sessions and API keys. Shared collections stay.
 */
export async function deleteAccount(db: Database, userId: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "There is no such account.");
  if (user.role === "admin" && (await otherAdmins(db, userId)) === 0)
    throw new AppError("conflict", "This is the only admin: make another admin before deleting it.");
  // Disabled and signed out first (its API keys stop working too), so nothing more is added while the rest is deleted.
  await db.update(users).set({ banned: true }).where(eq(users.id, userId));
  await db.delete(sessions).where(eq(sessions.userId, userId));
  const own = await db
    .select({ id: collections.id })
    .from(collections)
    .where(and(eq(collections.ownerId, userId), eq(collections.shared, false)));
  for (const { id } of own) {
    const inside = await db
      .select({ id: documents.id })
      .from(documents)
      .where(eq(documents.collectionId, id));
    for (const document of inside) await deleteDocument(document.id);
  }
  await db.transaction(async (tx) => {
    const removed = await tx.delete(chats).where(eq(chats.ownerId, userId)).returning({ id: chats.id });
    if (removed.length > 0) await tx.insert(deletedChats).values(removed).onConflictDoNothing();
    for (const { id } of own) await tx.delete(collections).where(eq(collections.id, id));
    // Cascades to credentials, API keys and any session made meanwhile.
    await tx.delete(users).where(eq(users.id, userId));
  });
}
