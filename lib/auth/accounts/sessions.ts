import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";

export type SessionJson = {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  current: boolean;
};

/** A person's live sessions, most recently used first; `current` marks the one asking. */
export async function listSessions(
  db: Database,
  userId: string,
  currentId: string | null,
): Promise<SessionJson[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.updatedAt));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    current: row.id === currentId,
  }));
}

/** The owner of a session, or undefined when there is no such session. */
export async function sessionOwner(db: Database, id: string): Promise<string | undefined> {
  const [row] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, id));
  return row?.userId;
}

/**
 * Ends a session at once: the database row is the only record of it (no cookie cache), so the
 * next request that carries its cookie is refused.
 */
export async function revokeSession(db: Database, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}
