import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { apiKeys, authAccounts, invites, sessions, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getAuth } from "./auth";
import { hashToken, type Role } from "./joining";

const INVITE_DAYS = 7;

export type IssuedInvite = { token: string; email: string; role: Role; reset: boolean; expiresAt: Date };

/**
 * A one-time link to join with `role`, or, for an email that has an account already, to set a new
 * password (an admin's reset). Only the token's hash is kept.
 */
export async function issueInvite(
  db: Database,
  { email, role, createdBy }: { email: string; role: Role; createdBy: string },
): Promise<IssuedInvite> {
  const address = email.toLowerCase();
  const [existing] = await db.select({ role: users.role }).from(users).where(eq(users.email, address));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
  const kept = (existing?.role as Role | undefined) ?? role;
  await db
    .insert(invites)
    .values({ tokenHash: hashToken(token), email: address, role: kept, createdBy, expiresAt });
  return { token, email: address, role: kept, reset: Boolean(existing), expiresAt };
}

/** An invite by its token while it can still be used. */
export async function findOpenInvite(db: Database, token: string) {
  const [row] = await db
    .select()
    .from(invites)
    .where(
      and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gt(invites.expiresAt, new Date())),
    );
  return row;
}

/**
 * Uses an invite: makes its account with this password, or sets the password of the account it
 * resets (whose sessions and API keys then end). A used, expired or unknown token is a 404.
 */
export async function acceptInvite(
  db: Database,
  { token, password, name }: { token: string; password: string; name?: string },
): Promise<{ email: string }> {
  // Claimed first, so one link cannot make two accounts when it is used twice at once.
  const [invite] = await db
    .update(invites)
    .set({ usedAt: new Date() })
    .where(
      and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gt(invites.expiresAt, new Date())),
    )
    .returning();
  if (!invite)
    throw new AppError(
      "not_found",
      "This invite link was used already or has expired. Ask an admin for a new one.",
    );
  const auth = await getAuth();
  const [existing] = await db.select().from(users).where(eq(users.email, invite.email));
  if (!existing) {
    await auth.api.createUser({
      body: {
        email: invite.email,
        password,
        name: name || invite.email.split("@")[0],
        // "member" is not one of the admin plugin's typed roles; roleForNewUser reads it from here.
        data: { emailVerified: true, role: invite.role },
      },
    });
    return { email: invite.email };
  }
  const hash = await (await auth.$context).password.hash(password);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(authAccounts)
      .set({ password: hash, updatedAt: new Date() })
      .where(and(eq(authAccounts.userId, existing.id), eq(authAccounts.providerId, "credential")))
      .returning({ id: authAccounts.id });
    // An account that only ever signed in by SSO gets a password too.
    if (updated.length === 0)
      await tx.insert(authAccounts).values({
        id: randomBytes(16).toString("hex"),
        accountId: existing.id,
        providerId: "credential",
        userId: existing.id,
        password: hash,
        updatedAt: new Date(),
      });
    // A reset is account recovery: whatever held the old password's sessions or keys is shut out.
    await tx.delete(sessions).where(eq(sessions.userId, existing.id));
    await tx.delete(apiKeys).where(eq(apiKeys.referenceId, existing.id));
  });
  return { email: invite.email };
}
