import "server-only";
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { type CollectionRow, collectionAccess, collections, documents, groupMembers, groups } from "./schema";

/** The id of a person's private collection. */
export function privateCollectionId(userId: string): string {
  return `private:${userId}`;
}

/** A person's private collection, made on first use. */
export async function ensurePrivateCollection(db: Database, userId: string): Promise<string> {
  const id = privateCollectionId(userId);
  await db.insert(collections).values({ id, name: "Private", ownerId: userId }).onConflictDoNothing();
  return id;
}

export type CollectionAccess = { collection: CollectionRow; canAdd: boolean };

/**
 * The collections a person may read: their private ones and the shared ones open to them (to
 * everyone, to them by name or to a group of theirs); with whether they may add to each. An admin may read and add to
 * every shared collection, never to another person's private one.
 */
export async function readableCollections(
  db: Database,
  person: { userId: string; isAdmin: boolean },
): Promise<CollectionAccess[]> {
  const memberOf = await db
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(eq(groupMembers.userId, person.userId));
  const principals = ["everyone", person.userId, ...memberOf.map(({ groupId }) => `group:${groupId}`)];
  const rows = await db
    .select({
      collection: collections,
      canAdd: sql<boolean>`coalesce(bool_or(${collectionAccess.canAdd}), false)`,
    })
    .from(collections)
    .leftJoin(
      collectionAccess,
      and(eq(collectionAccess.collectionId, collections.id), inArray(collectionAccess.principal, principals)),
    )
    .where(
      or(
        and(eq(collections.shared, false), eq(collections.ownerId, person.userId)),
        and(
          eq(collections.shared, true),
          person.isAdmin ? sql`true` : sql`${collectionAccess.principal} is not null`,
        ),
      ),
    )
    .groupBy(collections.id);
  return rows.map(({ collection, canAdd }) => ({
    collection,
    canAdd: !collection.shared || person.isAdmin || canAdd,
  }));
}

/** The ids of the documents in these collections (those being deleted too: callers filter by status). */
export async function documentIdsIn(db: Database, collectionIds: string[]): Promise<string[]> {
  if (collectionIds.length === 0) return [];
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(inArray(documents.collectionId, collectionIds), ne(documents.status, "deleting")));
  return rows.map((row) => row.id);
}

/** A collection: private to its owner, or shared with `readers` (read) and `adders` (read and add). */
export async function createCollection(
  db: Database,
  input: { id: string; name: string; ownerId: string; shared: boolean; readers: string[]; adders: string[] },
): Promise<CollectionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(collections)
      .values({ id: input.id, name: input.name, ownerId: input.ownerId, shared: input.shared })
      .returning();
    const principals = new Map<string, boolean>();
    for (const reader of input.readers) principals.set(reader, false);
    for (const adder of input.adders) principals.set(adder, true);
    if (principals.size > 0)
      await tx
        .insert(collectionAccess)
        .values([...principals].map(([principal, canAdd]) => ({ collectionId: row.id, principal, canAdd })));
    return row;
  });
}

export type GroupJson = { id: string; name: string; memberIds: string[] };

export async function listGroups(db: Database): Promise<GroupJson[]> {
  const [rows, members] = await Promise.all([db.select().from(groups), db.select().from(groupMembers)]);
  return rows.map((group) => ({
    id: group.id,
    name: group.name,
    memberIds: members.filter((member) => member.groupId === group.id).map((member) => member.userId),
  }));
}

/** A group of accounts, to name as `group:<id>` among a shared collection's readers or adders. */
export async function createGroup(
  db: Database,
  input: { id: string; name: string; memberIds: string[] },
): Promise<GroupJson> {
  await db.transaction(async (tx) => {
    await tx.insert(groups).values({ id: input.id, name: input.name });
    if (input.memberIds.length > 0)
      await tx.insert(groupMembers).values(input.memberIds.map((userId) => ({ groupId: input.id, userId })));
  });
  return { id: input.id, name: input.name, memberIds: input.memberIds };
}
