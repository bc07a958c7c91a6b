import "server-only";
import { authMode } from "@/lib/auth/mode";
import type { Database } from "@/lib/db/client";
import {
  type CollectionAccess,
  documentIdsIn,
  ensurePrivateCollection,
  readableCollections,
} from "@/lib/db/collections";
import type { DocumentRow } from "@/lib/db/schema";
import { LOCAL_COLLECTION } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Person } from "./person";

/** Without accounts there is one space: every document is everyone's. */
function everythingVisible(): boolean {
  return authMode() !== "accounts";
}

/**
 * The collections this person may read, with whether they may add to each. (A private collection
 * is made with its account, in lib/auth/accounts/joining.ts: reading writes nothing.)
 */
export async function collectionsOf(db: Database, person: Person): Promise<CollectionAccess[]> {
  return readableCollections(db, { userId: person.userId, isAdmin: person.isAdmin });
}

/** The ids of the collections this person may read, or null for all (no accounts). */
export async function readableCollectionIds(db: Database, person: Person): Promise<string[] | null> {
  if (everythingVisible()) return null;
  return (await collectionsOf(db, person)).map(({ collection }) => collection.id);
}

/**
 * The documents this person may read, or null for all of them (no accounts). Searches, scopes,
 * suggestions and summaries pass this to the indexes, which filter inside the search.
 */
export async function readableDocumentIds(db: Database, person: Person): Promise<string[] | null> {
  const collectionIds = await readableCollectionIds(db, person);
  return collectionIds === null ? null : documentIdsIn(db, collectionIds);
}

/**
 * A search scope narrowed to what the person may read: the documents asked for that they may
 * read, or all they may read when none were asked for. Undefined means everything (no accounts).
 */
export async function readableScope(
  db: Database,
  person: Person,
  documentIds: string[] | undefined,
): Promise<string[] | undefined> {
  const readable = await readableDocumentIds(db, person);
  if (readable === null) return documentIds;
  if (!documentIds) return readable;
  const allowed = new Set(readable);
  return documentIds.filter((id) => allowed.has(id));
}

export async function canRead(db: Database, person: Person, document: Pick<DocumentRow, "collectionId">) {
  if (everythingVisible()) return true;
  const collections = await collectionsOf(db, person);
  return collections.some(({ collection }) => collection.id === document.collectionId);
}

/** 404 (as for an unknown document) unless the person may read this document. */
export async function assertReadable(
  db: Database,
  person: Person,
  document: Pick<DocumentRow, "collectionId">,
) {
  if (!(await canRead(db, person, document))) throw new AppError("not_found", "No document with that id.");
}

/** Deleting, like adding, needs the right to add to the document's collection. */
export async function assertCanChange(
  db: Database,
  person: Person,
  document: Pick<DocumentRow, "collectionId">,
) {
  if (everythingVisible()) return;
  const collections = await collectionsOf(db, person);
  const found = collections.find(({ collection }) => collection.id === document.collectionId);
  if (!found) throw new AppError("not_found", "No document with that id.");
  if (!found.canAdd) throw new AppError("forbidden", "You may read this collection but not change it.");
}

/**
 * The collection an upload goes to: the one asked for, if the person may add to it, or their
 * private collection. Without accounts, the one shared space.
 */
export async function uploadCollection(
  db: Database,
  person: Person,
  requested: string | undefined,
): Promise<string> {
  if (everythingVisible()) {
    if (requested && requested !== LOCAL_COLLECTION)
      throw new AppError(
        "bad_request",
        "Collections come with accounts: set AUTH_SECRET, or upload without a collectionId.",
      );
    return LOCAL_COLLECTION;
  }
  if (!requested) return ensurePrivateCollection(db, person.userId);
  const collections = await collectionsOf(db, person);
  const found = collections.find(({ collection }) => collection.id === requested);
  if (!found) throw new AppError("not_found", "No collection with that id.");
  if (!found.canAdd) throw new AppError("forbidden", "You may read this collection but not add to it.");
  return found.collection.id;
}
