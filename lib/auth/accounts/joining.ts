import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { env } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { ensurePrivateCollection, privateCollectionId } from "@/lib/db/collections";
import {
  chats,
  collections,
  documents,
  firstAdminClaim,
  invites,
  LOCAL_COLLECTION,
  LOCAL_OWNER,
  users,
} from "@/lib/db/schema";

export type Role = "admin" | "member";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function userCount(db: Database): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return row.count;
}

/** An invite for this email that is neither used nor expired. */
export async function openInviteFor(db: Database, email: string) {
  const [row] = await db
    .select()
    .from(invites)
    .where(
      and(eq(invites.email, email.toLowerCase()), isNull(invites.usedAt), gt(invites.expiresAt, new Date())),
    )
    .limit(1);
  return row;
}

/** A claim left by a first account that never appeared may be taken again after this long. */
const STALE_CLAIM = sql`interval '5 minutes'`;

/** Takes the first-admin claim for this email, atomically; false when someone else holds it. */
async function claimFirstAdmin(db: Database, email: string): Promise<boolean> {
  const taken = await db
    .insert(firstAdminClaim)
    .values({ id: 1, email })
    .onConflictDoUpdate({
      target: firstAdminClaim.id,
      set: { email, claimedAt: sql`now()` },
      setWhere: sql`${firstAdminClaim.claimedAt} < now() - ${STALE_CLAIM}`,
    })
    .returning();
  return taken.length > 0;
}

/**
 * The first account of a deployment is its admin (whoever takes the claim first, on any
 * instance); after that, the invite's role, or member. Only the app's own code asks for a role.
 */
export async function roleForNewUser(db: Database, email: string, requested: unknown): Promise<Role> {
  if ((await userCount(db)) === 0)
    return (await claimFirstAdmin(db, email.toLowerCase())) ? "admin" : "member";
  if (requested === "admin" || requested === "member") return requested;
  return (await openInviteFor(db, email))?.role ?? "member";
}

/**
 * Why this email may not sign in by single sign-on, or null when it may: an existing account, an
 * open invite, a domain the admin allows (OIDC_ALLOWED_DOMAINS), or an empty deployment (its first
 * person becomes the admin).
 */
export async function ssoRefusal(db: Database, email: string): Promise<string | null> {
  const address = email.toLowerCase();
  if (!address.includes("@")) return "The identity provider gave no email address.";
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, address));
  if (existing || (await userCount(db)) === 0 || (await openInviteFor(db, address))) return null;
  const domain = address.split("@").pop() as string;
  if (env().OIDC_ALLOWED_DOMAINS.includes(domain)) return null;
  return `${address} has no account here. Ask an admin for an invite.`;
}

/**
 * A new account gets its private collection and its invites are closed. The first one (the admin) also takes over everything
 * made before accounts were turned on (open or APP_PASSWORD mode): the documents, chats and shared
 * collections of the local owner.
 */
export async function adoptLocalData(db: Database, userId: string): Promise<void> {
  await ensurePrivateCollection(db, userId);
  // Whichever way they joined (a password, single sign-on), their open invites are spent.
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (user)
    await db
      .update(invites)
      .set({ usedAt: new Date() })
      .where(and(eq(invites.email, user.email), isNull(invites.usedAt)));
  // Only the first admin, the one who took the claim, takes over what was made before accounts.
  const [claim] = await db.select().from(firstAdminClaim);
  if (!user || claim?.email !== user.email) return;
  await db.transaction(async (tx) => {
    await tx.update(chats).set({ ownerId: userId }).where(eq(chats.ownerId, LOCAL_OWNER));
    await tx
      .update(documents)
      .set({ collectionId: privateCollectionId(userId) })
      .where(eq(documents.collectionId, LOCAL_COLLECTION));
    await tx.update(collections).set({ ownerId: userId }).where(eq(collections.ownerId, LOCAL_OWNER));
    await tx.delete(collections).where(eq(collections.id, LOCAL_COLLECTION));
  });
}
