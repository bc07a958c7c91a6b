import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { getAuth } from "./auth";

export type ApiKeyJson = {
  id: string;
  name: string | null;
  start: string | null;
  createdAt: string;
  lastUsedAt: string | null;
};

/** A new key for this person: its value comes back once, and only its SHA-256 is stored. */
export async function createApiKey(userId: string, name?: string): Promise<ApiKeyJson & { key: string }> {
  const auth = await getAuth();
  const created = await auth.api.createApiKey({ body: { userId, name } });
  return { ...toJson(created), key: created.key };
}

export async function listApiKeys(db: Database, userId: string): Promise<ApiKeyJson[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.referenceId, userId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toJson);
}

/** Revokes a key of this person's; false when they have no key by that id. */
export async function deleteApiKey(db: Database, userId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.referenceId, userId)))
    .returning({ id: apiKeys.id });
  return deleted.length > 0;
}

function toJson(row: {
  id: string;
  name?: string | null;
  start?: string | null;
  createdAt: Date;
  lastRequest?: Date | null;
}): ApiKeyJson {
  return {
    id: row.id,
    name: row.name ?? null,
    start: row.start ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
    lastUsedAt: row.lastRequest ? new Date(row.lastRequest).toISOString() : null,
  };
}
