// Every route that reads or changes someone's data, called as the admin, as a member and without
// credentials, on documents and chats of each: a table of route × person × owner and the status
// each must answer. The route handlers are called in-process (as the server does after the proxy),
// with accounts on, on a real database, Chroma server and ingestion queue.
import { beforeAll, describe, expect, it } from "vitest";

process.env.AUTH_SECRET = "unit-test-accounts-secret-0123456789";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Who = "admin" | "member" | "nobody";

const BASE = "http://localhost:3000";
const headersOf: Record<Who, Record<string, string>> = { admin: {}, member: {}, nobody: {} };
const ids = {
  adminDocument: "",
  memberDocument: "",
  sharedDocument: "",
  adminChat: "admin-chat-1",
  memberChat: "member-chat-1",
  handbook: "",
  memberId: "",
  adminSession: "",
};

function call(
  handler: Handler,
  who: Who,
  path: string,
  {
    method = "GET",
    json,
    form,
    params = {},
  }: { method?: string; json?: unknown; form?: FormData; params?: Record<string, string> } = {},
) {
  const headers = new Headers(headersOf[who]);
  if (json !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${BASE}${path}`, {
    method,
    headers,
    body: json !== undefined ? JSON.stringify(json) : form,
  });
  return handler(request, { params: Promise.resolve(params) });
}

const cookieFrom = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .filter((pair) => pair.startsWith("dbrx."))
    .join("; ");

let routes: {
  documents: { GET: Handler; POST: Handler };
  document: { GET: Handler; DELETE: Handler };
  file: { GET: Handler };
  text: { GET: Handler };
  retrieve: { POST: Handler };
  chat: { POST: Handler };
  stream: { GET: Handler; DELETE: Handler };
  chats: { GET: Handler };
  chatById: { GET: Handler; PATCH: Handler; DELETE: Handler };
  share: { POST: Handler };
  chatExport: { GET: Handler };
  exportAll: { GET: Handler };
  accounts: { GET: Handler };
  account: { PATCH: Handler; DELETE: Handler };
  invites: { POST: Handler };
  sessions: { GET: Handler };
  session: { DELETE: Handler };
  keys: { POST: Handler };
  collections: { GET: Handler; POST: Handler };
};

async function upload(who: Who, name: string, text: string, collectionId?: string) {
  const form = new FormData();
  if (collectionId) form.append("collectionId", collectionId);
  form.append("file", new File([text], name, { type: "text/markdown" }));
  const response = await call(routes.documents.POST, who, "/api/documents", { method: "POST", form });
  const body = await response.json();
  return { status: response.status, body };
}

async function uploadReady(who: Who, name: string, text: string, collectionId?: string) {
  const { settledDocument } = await import("@/lib/ingest/ingest-file");
  const { status, body } = await upload(who, name, text, collectionId);
  expect(status, JSON.stringify(body)).toBe(202);
  const id = body.documents[0].id as string;
  expect((await settledDocument(id))?.status).toBe("ready");
  return id;
}

async function ask(who: Who, chatId: string, text: string) {
  const response = await call(routes.chat.POST, who, "/api/chat", {
    method: "POST",
    json: {
      id: chatId,
      trigger: "submit-message",
      message: { id: `${chatId}-q`, role: "user", parts: [{ type: "text", text }] },
    },
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  routes = {
    documents: await import("@/app/api/documents/route"),
    document: await import("@/app/api/documents/[id]/route"),
    file: await import("@/app/api/documents/[id]/file/route"),
    text: await import("@/app/api/documents/[id]/text/route"),
    retrieve: await import("@/app/api/retrieve/route"),
    chat: await import("@/app/api/chat/route"),
    stream: await import("@/app/api/chat/[id]/stream/route"),
    chats: await import("@/app/api/chats/route"),
    chatById: await import("@/app/api/chats/[id]/route"),
    share: await import("@/app/api/chats/[id]/share/route"),
    chatExport: await import("@/app/api/chats/[id]/export/route"),
    exportAll: await import("@/app/api/chats/export/route"),
    accounts: await import("@/app/api/accounts/route"),
    account: await import("@/app/api/accounts/[id]/route"),
    invites: await import("@/app/api/invites/route"),
    sessions: await import("@/app/api/sessions/route"),
    session: await import("@/app/api/session/route"),
    keys: await import("@/app/api/keys/route"),
    collections: await import("@/app/api/collections/route"),
  } as unknown as typeof routes;
  const { createFirstAdmin } = await import("./accounts/first-admin");
  const { signInWithPassword } = await import("./accounts/sign-in");
  const { issueInvite, acceptInvite } = await import("./accounts/invites");
  const { getDb } = await import("@/lib/db/client");
  const db = await getDb();
  const signedIn = async (email: string, password: string) => {
    const cookies = await signInWithPassword(new Request(`${BASE}/api/session`), { email, password });
    if (!cookies) throw new Error(`could not sign in as ${email}`);
    return cookieFrom(cookies);
  };
  const adminId = await createFirstAdmin({ email: "root@example.com", password: "root-password-1" });
  headersOf.admin = { cookie: await signedIn("root@example.com", "root-password-1") };
  const invite = await issueInvite(db, { email: "mia@example.com", role: "member", createdBy: adminId });
  await acceptInvite(db, { token: invite.token, password: "mia-password-1" });
  headersOf.member = { cookie: await signedIn("mia@example.com", "mia-password-1") };

  ids.adminDocument = await uploadReady("admin", "root-plan.md", "# Plan\n\nThe vault code is ORCHID-8811.");
  ids.memberDocument = await uploadReady(
    "member",
    "mia-notes.md",
    "# Notes\n\nMia grows BASIL-4400 by the window.",
  );
  const created = await call(routes.collections.POST, "admin", "/api/collections", {
    method: "POST",
    json: { name: "Everyone's", shared: true },
  });
  ids.handbook = ((await created.json()) as { collection: { id: string } }).collection.id;
  ids.sharedDocument = await uploadReady(
    "admin",
    "shared-rules.md",
    "# Rules\n\nThe office opens at TULIP-0900.",
    ids.handbook,
  );
  expect((await ask("admin", ids.adminChat, "What is the vault code ORCHID-8811?")).status).toBe(200);
  expect((await ask("member", ids.memberChat, "What does Mia grow?")).status).toBe(200);
  // An answer in progress in each chat, as another instance would have marked it.
  const { chats } = await import("@/lib/db/schema");
  await db.update(chats).set({ activeStreamId: "held-elsewhere", activeStreamAt: new Date() });
  const accounts = (await (await call(routes.accounts.GET, "admin", "/api/accounts")).json()) as {
    accounts: { id: string; email: string }[];
  };
  ids.memberId = accounts.accounts.find((account) => account.email === "mia@example.com")?.id as string;
  const sessions = (await (await call(routes.sessions.GET, "admin", "/api/sessions")).json()) as {
    sessions: { id: string }[];
  };
  ids.adminSession = sessions.sessions[0].id;
});

type Row = [route: string, who: Who, expected: number, run: () => Promise<Response>];

const documentRows = (route: string, handler: () => Handler, path: (id: string) => string): Row[] => [
  [
    `${route} on one's own document`,
    "admin",
    200,
    () => call(handler(), "admin", path(ids.adminDocument), { params: { id: ids.adminDocument } }),
  ],
  [
    `${route} on another person's private document`,
    "member",
    404,
    () => call(handler(), "member", path(ids.adminDocument), { params: { id: ids.adminDocument } }),
  ],
  [
    `${route} on a document of a shared collection`,
    "member",
    200,
    () => call(handler(), "member", path(ids.sharedDocument), { params: { id: ids.sharedDocument } }),
  ],
  [
    `${route} without credentials`,
    "nobody",
    401,
    () => call(handler(), "nobody", path(ids.memberDocument), { params: { id: ids.memberDocument } }),
  ],
  [
    `${route} by the admin on a member's private document`,
    "admin",
    404,
    () => call(handler(), "admin", path(ids.memberDocument), { params: { id: ids.memberDocument } }),
  ],
];

const chatRows = (
  route: string,
  handler: () => Handler,
  path: (id: string) => string,
  ok = 200,
  method = "GET",
  json?: unknown,
): Row[] => [
  [
    `${route} on one's own chat`,
    "member",
    ok,
    () => call(handler(), "member", path(ids.memberChat), { method, json, params: { id: ids.memberChat } }),
  ],
  [
    `${route} on another person's chat`,
    "member",
    404,
    () => call(handler(), "member", path(ids.adminChat), { method, json, params: { id: ids.adminChat } }),
  ],
  [
    `${route} by the admin on a member's chat`,
    "admin",
    404,
    () => call(handler(), "admin", path(ids.memberChat), { method, json, params: { id: ids.memberChat } }),
  ],
  [
    `${route} without credentials`,
    "nobody",
    401,
    () => call(handler(), "nobody", path(ids.memberChat), { method, json, params: { id: ids.memberChat } }),
  ],
];

const table: Row[] = [
  ...documentRows(
    "GET /api/documents/{id}",
    () => routes.document.GET,
    (id) => `/api/documents/${id}`,
  ),
  ...documentRows(
    "GET /api/documents/{id}/file",
    () => routes.file.GET,
    (id) => `/api/documents/${id}/file`,
  ),
  ...documentRows(
    "GET /api/documents/{id}/text",
    () => routes.text.GET,
    (id) => `/api/documents/${id}/text`,
  ),
  [
    "DELETE /api/documents/{id} on another person's private document",
    "member",
    404,
    () =>
      call(routes.document.DELETE, "member", `/api/documents/${ids.adminDocument}`, {
        method: "DELETE",
        params: { id: ids.adminDocument },
      }),
  ],
  [
    "DELETE /api/documents/{id} on a shared document one may only read",
    "member",
    403,
    () =>
      call(routes.document.DELETE, "member", `/api/documents/${ids.sharedDocument}`, {
        method: "DELETE",
        params: { id: ids.sharedDocument },
      }),
  ],
  [
    "GET /api/documents without credentials",
    "nobody",
    401,
    () => call(routes.documents.GET, "nobody", "/api/documents"),
  ],
  [
    "POST /api/retrieve without credentials",
    "nobody",
    401,
    () => call(routes.retrieve.POST, "nobody", "/api/retrieve", { method: "POST", json: { query: "code" } }),
  ],
  ...chatRows(
    "GET /api/chats/{id}",
    () => routes.chatById.GET,
    (id) => `/api/chats/${id}`,
  ),
  ...chatRows(
    "PATCH /api/chats/{id}",
    () => routes.chatById.PATCH,
    (id) => `/api/chats/${id}`,
    200,
    "PATCH",
    { title: "Renamed" },
  ),
  ...chatRows(
    "POST /api/chats/{id}/share",
    () => routes.share.POST,
    (id) => `/api/chats/${id}/share`,
    200,
    "POST",
  ),
  ...chatRows(
    "GET /api/chats/{id}/export",
    () => routes.chatExport.GET,
    (id) => `/api/chats/${id}/export`,
  ),
  // Both chats are marked as having an answer in progress (below): only its owner may stop it.
  [
    "DELETE /api/chat/{id}/stream on another person's answer",
    "member",
    204,
    () =>
      call(routes.stream.DELETE, "member", `/api/chat/${ids.adminChat}/stream`, {
        method: "DELETE",
        params: { id: ids.adminChat },
      }),
  ],
  [
    "DELETE /api/chat/{id}/stream by the admin on a member's answer",
    "admin",
    204,
    () =>
      call(routes.stream.DELETE, "admin", `/api/chat/${ids.memberChat}/stream`, {
        method: "DELETE",
        params: { id: ids.memberChat },
      }),
  ],
  [
    "DELETE /api/chat/{id}/stream on one's own answer",
    "member",
    202,
    () =>
      call(routes.stream.DELETE, "member", `/api/chat/${ids.memberChat}/stream`, {
        method: "DELETE",
        params: { id: ids.memberChat },
      }),
  ],
  [
    "GET /api/chat/{id}/stream without credentials",
    "nobody",
    401,
    () =>
      call(routes.stream.GET, "nobody", `/api/chat/${ids.memberChat}/stream`, {
        params: { id: ids.memberChat },
      }),
  ],
  ["GET /api/chats without credentials", "nobody", 401, () => call(routes.chats.GET, "nobody", "/api/chats")],
  [
    "GET /api/chats/export?ids= naming another person's chat",
    "member",
    404,
    () => call(routes.exportAll.GET, "member", `/api/chats/export?ids=${ids.adminChat}`),
  ],
  [
    "GET /api/accounts as a member",
    "member",
    403,
    () => call(routes.accounts.GET, "member", "/api/accounts"),
  ],
  ["GET /api/accounts as the admin", "admin", 200, () => call(routes.accounts.GET, "admin", "/api/accounts")],
  [
    "POST /api/invites as a member",
    "member",
    403,
    () =>
      call(routes.invites.POST, "member", "/api/invites", {
        method: "POST",
        json: { email: "x@example.com" },
      }),
  ],
  [
    "POST /api/invites without credentials",
    "nobody",
    401,
    () =>
      call(routes.invites.POST, "nobody", "/api/invites", {
        method: "POST",
        json: { email: "x@example.com" },
      }),
  ],
  [
    "PATCH /api/accounts/{id} (disable) as a member",
    "member",
    403,
    () =>
      call(routes.account.PATCH, "member", `/api/accounts/${ids.memberId}`, {
        method: "PATCH",
        json: { disabled: true },
        params: { id: ids.memberId },
      }),
  ],
  [
    "GET /api/sessions?userId= another account's, as a member",
    "member",
    403,
    () => call(routes.sessions.GET, "member", `/api/sessions?userId=${ids.memberId}x`),
  ],
  [
    "GET /api/sessions?userId= a member's, as the admin",
    "admin",
    200,
    () => call(routes.sessions.GET, "admin", `/api/sessions?userId=${ids.memberId}`),
  ],
  [
    "POST /api/collections shared, as a member",
    "member",
    403,
    () =>
      call(routes.collections.POST, "member", "/api/collections", {
        method: "POST",
        json: { name: "Mine to share", shared: true },
      }),
  ],
  [
    "POST /api/collections private, as a member",
    "member",
    201,
    () =>
      call(routes.collections.POST, "member", "/api/collections", {
        method: "POST",
        json: { name: "Recipes", shared: false },
      }),
  ],
  [
    "POST /api/keys without credentials",
    "nobody",
    401,
    () => call(routes.keys.POST, "nobody", "/api/keys", { method: "POST" }),
  ],
];

describe("permissions on every route: route × person × owner (accounts on)", () => {
  it.each(table)("%s (%s) answers %i", async (_route, _who, expected, run) => {
    const response = await run();
    expect(response.status, await response.clone().text()).toBe(expected);
  });

  it("lists, searches and exports only what the person may read", async () => {
    const listed = async (who: Who) =>
      (
        (await (await call(routes.documents.GET, who, "/api/documents")).json()) as {
          documents: { id: string }[];
        }
      ).documents.map((document) => document.id);
    expect((await listed("member")).sort()).toEqual([ids.memberDocument, ids.sharedDocument].sort());
    expect((await listed("admin")).sort()).toEqual([ids.adminDocument, ids.sharedDocument].sort());

    const search = async (who: Who, query: string, documentIds?: string[]) =>
      (
        (await (
          await call(routes.retrieve.POST, who, "/api/retrieve", {
            method: "POST",
            json: { query, k: 10, documentIds },
          })
        ).json()) as {
          results: { documentId: string }[];
        }
      ).results.map((result) => result.documentId);
    expect(await search("member", "vault code ORCHID-8811")).not.toContain(ids.adminDocument);
    expect(await search("member", "vault code ORCHID-8811", [ids.adminDocument])).toEqual([]);
    expect(await search("admin", "vault code ORCHID-8811")).toContain(ids.adminDocument);
    expect(await search("member", "office opens TULIP-0900")).toContain(ids.sharedDocument);
    expect(await search("admin", "BASIL-4400 window")).not.toContain(ids.memberDocument);

    const chats = async (who: Who) =>
      (
        (await (await call(routes.chats.GET, who, "/api/chats")).json()) as { chats: { id: string }[] }
      ).chats.map((chat) => chat.id);
    expect(await chats("member")).toEqual([ids.memberChat]);
    expect(await chats("admin")).toEqual([ids.adminChat]);
    const exported = await (await call(routes.exportAll.GET, "member", "/api/chats/export")).text();
    expect(exported).toContain("What does Mia grow?");
    expect(exported).not.toContain("ORCHID-8811");
  });

  it("a chat cannot be continued by someone else, and a question in another's scope reads nothing of it", async () => {
    const hijack = await ask("member", ids.adminChat, "And what else?");
    expect(hijack.status).toBe(404);
    const { findChat } = await import("@/lib/db/chats");
    const { getDb } = await import("@/lib/db/client");
    const { users } = await import("@/lib/db/schema");
    const db = await getDb();
    const [root] = await db.select().from(users);
    const saved = await findChat(db, { id: ids.adminChat, ownerId: root.id });
    expect(saved?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);

    const scoped = await call(routes.chat.POST, "member", "/api/chat", {
      method: "POST",
      json: {
        id: "member-chat-2",
        trigger: "submit-message",
        documentIds: [ids.adminDocument],
        message: {
          id: "m2-q",
          role: "user",
          parts: [{ type: "text", text: "What is the vault code ORCHID-8811?" }],
        },
      },
    });
    expect(await scoped.text()).not.toContain("The vault code is ORCHID-8811");
  });

  it("an admin can end another person's session; the session's owner can end the admin's only if it is theirs", async () => {
    const { DELETE } = (await import("@/app/api/sessions/[id]/route")) as unknown as { DELETE: Handler };
    const memberSessions = (await (await call(routes.sessions.GET, "member", "/api/sessions")).json()) as {
      sessions: { id: string }[];
    };
    const denied = await call(DELETE, "member", `/api/sessions/${ids.adminSession}`, {
      method: "DELETE",
      params: { id: ids.adminSession },
    });
    expect(denied.status).toBe(404);
    expect((await call(routes.documents.GET, "admin", "/api/documents")).status).toBe(200);
    const ended = await call(DELETE, "admin", `/api/sessions/${memberSessions.sessions[0].id}`, {
      method: "DELETE",
      params: { id: memberSessions.sessions[0].id },
    });
    expect(ended.status).toBe(200);
    expect((await call(routes.documents.GET, "member", "/api/documents")).status).toBe(401);
  });

  it("a collection shared with a group is read by its members only; adding follows the group too", async () => {
    // The member was signed out by the test before: a new session.
    const { signInWithPassword } = await import("./accounts/sign-in");
    headersOf.member = {
      cookie: cookieFrom(
        (await signInWithPassword(new Request(`${BASE}/api/session`), {
          email: "mia@example.com",
          password: "mia-password-1",
        })) as Headers,
      ),
    };
    const { POST: createGroup } = (await import("@/app/api/groups/route")) as unknown as { POST: Handler };
    expect(
      (await call(createGroup, "member", "/api/groups", { method: "POST", json: { name: "Mine" } })).status,
    ).toBe(403);
    const made = async (name: string, memberIds: string[]) => {
      const response = await call(createGroup, "admin", "/api/groups", {
        method: "POST",
        json: { name, memberIds },
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { group: { id: string } }).group.id;
    };
    const gardeners = await made("Gardeners", [ids.memberId]);
    const auditors = await made("Auditors", []);
    const share = async (name: string, readers: string[], adders: string[] = []) => {
      const response = await call(routes.collections.POST, "admin", "/api/collections", {
        method: "POST",
        json: { name, shared: true, readers, adders },
      });
      return ((await response.json()) as { collection: { id: string } }).collection.id;
    };
    const garden = await share("Garden", [`group:${gardeners}`], [`group:${gardeners}`]);
    const audit = await share("Audit", [`group:${auditors}`]);
    await uploadReady("admin", "garden-plan.md", "# Garden\n\nThe greenhouse key is FERN-6060.", garden);
    await uploadReady("admin", "audit-plan.md", "# Audit\n\nThe ledger code is SLATE-7070.", audit);

    const search = async (query: string) =>
      (
        (await (
          await call(routes.retrieve.POST, "member", "/api/retrieve", { method: "POST", json: { query } })
        ).json()) as {
          results: { text: string }[];
        }
      ).results.map((result) => result.text);
    expect((await search("greenhouse key FERN-6060")).join(" ")).toContain("FERN-6060");
    expect(await search("ledger code SLATE-7070")).toEqual([]);
    // The group may add to Garden, not to Audit.
    expect((await upload("member", "member-garden.md", "# Seeds\n\nSown by Mia.", garden)).status).toBe(202);
    expect((await upload("member", "member-audit.md", "# Sums\n\nNot Mia's.", audit)).status).toBe(404);
  });

  it("Better Auth's own HTTP API answers only the OpenID Connect round trip: no impersonation, passwords or roles", async () => {
    const sso = (await import("@/app/api/sso/[...all]/route")) as unknown as { GET: Handler; POST: Handler };
    for (const path of [
      "admin/impersonate-user",
      "admin/set-user-password",
      "admin/set-role",
      "admin/remove-user",
      "api-key/create",
    ]) {
      const response = await call(sso.POST, "admin", `/api/sso/${path}`, {
        method: "POST",
        json: { userId: ids.memberId },
      });
      expect(response.status, path).toBe(404);
    }
    expect((await call(sso.GET, "admin", "/api/sso/admin/list-users")).status).toBe(404);
    const { isPublicPath } = await import("./config");
    expect(isPublicPath("/api/sso/callback/oidc")).toBe(true);
    expect(isPublicPath("/api/sso/sign-in/social")).toBe(true);
    expect(isPublicPath("/api/sso/admin/impersonate-user")).toBe(false);
  });
});
