// Accounts on a real database: turning them on over a deployment that had none keeps everything
// (the first admin takes it over), ADMIN_EMAIL makes that admin at start-up, and sessions expire
// after 7 days without use while use extends them.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { chats, documents, sessions } from "@/lib/db/schema";
import { ingestBytes } from "@/lib/test/ingest";
import { userMessage } from "@/lib/test/ui-stream";

const BASE = "http://localhost:3000";
const DAY = 86_400_000;

/** The app's modules as a server started with these variables would load them. */
async function restartedWith(variables: Record<string, string>) {
  Object.assign(process.env, variables);
  vi.resetModules();
  return {
    firstAdmin: await import("./accounts/first-admin"),
    signIn: await import("./accounts/sign-in"),
    person: await import("./person"),
    access: await import("./access"),
    chatsDb: await import("@/lib/db/chats"),
  };
}

const cookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

describe("accounts on a deployment that had none", () => {
  it("the first admin takes over every document and chat made before; later accounts see none of them", async () => {
    // Open mode: one space, owned by nobody in particular.
    const { document } = await ingestBytes({
      name: "before-accounts.md",
      mimeType: "text/markdown",
      data: new TextEncoder().encode("# Before\n\nWritten when the app had no accounts: HERON-3141."),
    });
    const { beginTurn } = await import("@/lib/db/chats");
    const { LOCAL_OWNER } = await import("@/lib/db/schema");
    expect(
      typeof (await beginTurn(await getDb(), {
        id: "chat-before-accounts",
        ownerId: LOCAL_OWNER,
        question: userMessage("What was written before?", "q-before"),
        streamId: "s-before",
      })),
    ).toBe("object");

    // The same database, restarted with accounts on, and ADMIN_EMAIL for a headless set-up.
    const app = await restartedWith({
      AUTH_SECRET: "unit-test-accounts-secret-0123456789",
      ADMIN_EMAIL: "Owner@Example.com",
      ADMIN_PASSWORD: "owner-password-1",
    });
    const { env } = await import("@/lib/config/env");
    expect(await app.firstAdmin.createConfiguredAdmin(env())).toBe(true);
    // Only once: a second start-up finds the admin there.
    expect(await app.firstAdmin.createConfiguredAdmin(env())).toBe(false);

    const db = await getDb();
    const cookies = await app.signIn.signInWithPassword(new Request(BASE), {
      email: "owner@example.com",
      password: "owner-password-1",
    });
    expect(cookies).not.toBeNull();
    const owner = await app.person.personFrom(new Headers({ cookie: cookieOf(cookies as Headers) }));
    expect(owner).toMatchObject({ email: "owner@example.com", isAdmin: true });
    if (!owner) return;
    const [row] = await db.select().from(documents).where(eq(documents.id, document.id));
    expect(row.collectionId).toBe(`private:${owner.userId}`);
    expect(await app.access.readableDocumentIds(db, owner)).toEqual([document.id]);
    expect((await app.chatsDb.listChats(db, owner.userId)).map((chat) => chat.id)).toEqual([
      "chat-before-accounts",
    ]);
    expect(await db.select().from(chats).where(eq(chats.ownerId, LOCAL_OWNER))).toEqual([]);

    // A member invited afterwards starts with nothing of it.
    const { issueInvite, acceptInvite } = await import("./accounts/invites");
    const invite = await issueInvite(db, {
      email: "late@example.com",
      role: "member",
      createdBy: owner.userId,
    });
    await acceptInvite(db, { token: invite.token, password: "late-password-1" });
    const lateCookies = await app.signIn.signInWithPassword(new Request(BASE), {
      email: "late@example.com",
      password: "late-password-1",
    });
    const late = await app.person.personFrom(new Headers({ cookie: cookieOf(lateCookies as Headers) }));
    expect(late).toMatchObject({ email: "late@example.com", isAdmin: false });
    if (!late) return;
    expect(await app.access.readableDocumentIds(db, late)).toEqual([]);
    expect(await app.chatsDb.listChats(db, late.userId)).toEqual([]);
  });

  it("a session is refused once 7 days pass without use, and use extends it", async () => {
    const app = await restartedWith({ AUTH_SECRET: "unit-test-accounts-secret-0123456789" });
    const db = await getDb();
    const cookies = await app.signIn.signInWithPassword(new Request(BASE), {
      email: "owner@example.com",
      password: "owner-password-1",
    });
    const headers = new Headers({ cookie: cookieOf(cookies as Headers) });
    const mine = (await db.select().from(sessions)).find((row) => headers.get("cookie")?.includes(row.token));
    expect(mine).toBeDefined();
    if (!mine) return;
    // Both times are taken by Better Auth a moment apart.
    expect(Math.abs(mine.expiresAt.getTime() - mine.createdAt.getTime() - 7 * DAY)).toBeLessThan(1000);

    // Last extended 2 days ago, with 5 days left: using it now makes it good for 7 days from now.
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 5 * DAY), updatedAt: new Date(Date.now() - 2 * DAY) })
      .where(eq(sessions.id, mine.id));
    expect(await app.person.personFrom(headers)).not.toBeNull();
    const [extended] = await db.select().from(sessions).where(eq(sessions.id, mine.id));
    expect(extended.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * DAY);

    // Unused for 7 days: it has expired, and the cookie opens nothing.
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, mine.id));
    expect(await app.person.personFrom(headers)).toBeNull();
  });

  it("deleting an account deletes its private documents (chunks and original too), chats, sessions and keys", async () => {
    const app = await restartedWith({ AUTH_SECRET: "unit-test-accounts-secret-0123456789" });
    const db = await getDb();
    const { users, apiKeys } = await import("@/lib/db/schema");
    const [late] = await db.select().from(users).where(eq(users.email, "late@example.com"));
    const { uploadFiles, settledDocument } = await import("@/lib/ingest/ingest-file");
    const { documents: uploaded } = await uploadFiles(
      [new File(["Late's own notes: EGRET-2718."], "late-notes.txt", { type: "text/plain" })],
      `private:${late.id}`,
    );
    const documentId = (uploaded[0] as { id: string }).id;
    expect((await settledDocument(documentId))?.status).toBe("ready");
    const { beginTurn } = await import("@/lib/db/chats");
    await beginTurn(db, {
      id: "late-chat",
      ownerId: late.id,
      question: userMessage("Mine?", "q-late"),
      streamId: "s-late",
    });
    const { createApiKey } = await import("./accounts/api-keys");
    await createApiKey(late.id, "script");
    const { deleteAccount } = await import("./accounts/manage");
    await deleteAccount(db, late.id);

    expect(await db.select().from(users).where(eq(users.id, late.id))).toEqual([]);
    expect(await db.select().from(documents).where(eq(documents.id, documentId))).toEqual([]);
    expect(await db.select().from(chats).where(eq(chats.ownerId, late.id))).toEqual([]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, late.id))).toEqual([]);
    expect(await db.select().from(apiKeys).where(eq(apiKeys.referenceId, late.id))).toEqual([]);
    const { retrieve } = await import("@/lib/rag/retrieve");
    expect((await retrieve({ query: "EGRET-2718", topK: 5 })).chunks).toEqual([]);
    const { originalStore } = await import("@/lib/originals/store");
    expect(await originalStore().localFile(documentId)).toBeNull();
    // The deleted chat's id stays refused, so a page still showing it cannot bring it back.
    expect(await app.chatsDb.isDeletedChat(db, "late-chat")).toBe(true);
  });
});
