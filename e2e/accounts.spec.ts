import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  test,
} from "@playwright/test";
import { ACCOUNTS_APP_URL } from "../playwright.config";
import { ChatPage } from "./pages/chat-page";
import type { DocumentBody } from "./support/api";
import { textFile, type UploadFile } from "./support/files";
import { waitUntilIndexed } from "./support/indexed";
import { OIDC_PERSON } from "./support/oidc-provider";

// A deployment with accounts (AUTH_SECRET): the first person becomes its admin, others join by
// invite or by single sign-on against a real OpenID provider on 127.0.0.1. Each person sees only
// their own and shared collections, through every way in: the pages, search, chat, suggestions,
// the documents' URLs and the API with a key.
test.describe.configure({ mode: "serial" });
test.use({ baseURL: ACCOUNTS_APP_URL });

const ADMIN = { email: "ada@example.com", password: "ada-first-admin-1" };
const MEMBER = { email: "max@example.com", password: "max-member-pass-2" };

// Each private document holds a word only it has, under a heading the suggestions are drawn from.
const adminFile = textFile(
  "ada-launch-plan.md",
  "# Launch plan\n\n## Rocket fuelling\n\nThe launch code is QUASAR-7731 and only Ada knows it. Fuelling starts at dawn.\n",
  "text/markdown",
);
const memberFile = textFile(
  "max-garden-notes.md",
  "# Garden notes\n\n## Tomato planting\n\nMax plants ZUCCHINI-5512 seeds in April, beside the tomatoes.\n",
  "text/markdown",
);

async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: ACCOUNTS_APP_URL });
  return { context, page: await context.newPage() };
}

async function signIn(request: APIRequestContext, who: { email: string; password: string }) {
  const response = await request.post("/api/session", { data: who });
  expect(response.status(), await response.text()).toBe(200);
}

async function uploadTo(request: APIRequestContext, file: UploadFile, collectionId?: string) {
  const form = new FormData();
  if (collectionId) form.append("collectionId", collectionId);
  form.append("file", new File([new Uint8Array(file.buffer)], file.name, { type: file.mimeType }));
  const response = await request.post("/api/documents", { multipart: form });
  const body = (await response.json()) as { documents?: DocumentBody[]; error?: string };
  return { status: response.status(), body };
}

async function uploadIndexedTo(request: APIRequestContext, file: UploadFile, collectionId?: string) {
  const { status, body } = await uploadTo(request, file, collectionId);
  expect(status, body.error).toBe(202);
  const id = body.documents?.[0]?.id as string;
  expect((await waitUntilIndexed(request, id)).status).toBe("ready");
  return id;
}

async function searchTexts(request: APIRequestContext, query: string): Promise<string[]> {
  const response = await request.post("/api/retrieve", { data: { query, k: 10 } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { results: { text: string }[] }).results.map((result) => result.text);
}

let admin: { context: BrowserContext; page: Page };
let member: { context: BrowserContext; page: Page };
let adminDocumentId = "";
let memberDocumentId = "";

test.afterAll(async () => {
  await admin?.context.close();
  await member?.context.close();
});

test("the first person to open the app creates the admin, then invites a member who joins by the link", async ({
  browser,
}) => {
  admin = await newPerson(browser);
  const { page } = admin;
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Create the admin account" })).toBeVisible();
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByTestId("sign-in-button").click();
  await expect(page.getByRole("heading", { name: "Documents", exact: true })).toBeVisible();

  // Nobody can make a second admin the same way.
  const again = await page.request.post("/api/setup", {
    data: { email: "eve@example.com", password: "eve-pass-123" },
  });
  expect(again.status()).toBe(409);

  await page.goto("/account");
  await expect(page.getByTestId("signed-in-as")).toContainText(`${ADMIN.email} (admin)`);
  await page.getByLabel("Email", { exact: true }).fill(MEMBER.email);
  await page.getByTestId("invite-button").click();
  const link = (await page.getByTestId("invite-url").textContent()) ?? "";
  expect(link).toMatch(new RegExp(`^${ACCOUNTS_APP_URL}/invite/[\\w-]{43}$`));

  member = await newPerson(browser);
  await member.page.goto(link);
  await expect(member.page.getByTestId("invite-email")).toHaveText(MEMBER.email);
  await member.page.getByLabel("Password").fill(MEMBER.password);
  await member.page.getByTestId("sign-in-button").click();
  await expect(member.page.getByRole("heading", { name: "Documents", exact: true })).toBeVisible();
  await member.page.goto("/account");
  await expect(member.page.getByTestId("signed-in-as")).toContainText(`${MEMBER.email} (member)`);
  // Admin tools are not shown to members, and their routes refuse them.
  await expect(member.page.getByRole("heading", { name: "Admin" })).toHaveCount(0);
  expect((await member.page.request.get("/api/accounts")).status()).toBe(403);
  expect(
    (await member.page.request.post("/api/invites", { data: { email: "x@example.com" } })).status(),
  ).toBe(403);

  // The link worked once.
  const reused = await member.page.request.post(`/api/invites/${link.split("/").pop()}`, {
    data: { password: "another-pass-9" },
  });
  expect(reused.status()).toBe(404);
});

test("each person's private document is invisible to the other: documents, search, chat, suggestions and URL", async () => {
  adminDocumentId = await uploadIndexedTo(admin.page.request, adminFile);
  memberDocumentId = await uploadIndexedTo(member.page.request, memberFile);

  // The documents page lists one's own only.
  await member.page.goto("/");
  const names = member.page.getByTestId("document-name");
  await expect(names).toHaveText([memberFile.name]);
  await expect(member.page.getByText(adminFile.name)).toHaveCount(0);

  // Search: the word only the admin's document has finds nothing for the member.
  expect(await searchTexts(member.page.request, "QUASAR-7731 launch code")).toEqual([]);
  expect((await searchTexts(admin.page.request, "QUASAR-7731 launch code")).join(" ")).toContain(
    "QUASAR-7731",
  );
  expect(await searchTexts(admin.page.request, "ZUCCHINI-5512 seeds")).toEqual([]);
  // Naming the other's document in the scope does not reach it either.
  const scoped = await member.page.request.post("/api/retrieve", {
    data: { query: "launch code", documentIds: [adminDocumentId] },
  });
  expect(((await scoped.json()) as { results: unknown[] }).results).toEqual([]);

  // By URL: the document, its original, its text and its viewer page are unknown to the member.
  for (const path of [`/api/documents/${adminDocumentId}`, `/api/documents/${adminDocumentId}/file`]) {
    expect((await member.page.request.get(path)).status()).toBe(404);
  }
  expect((await member.page.request.delete(`/api/documents/${adminDocumentId}`)).status()).toBe(404);
  expect((await admin.page.request.get(`/api/documents/${memberDocumentId}`)).status()).toBe(404);
  const viewer = await member.page.goto(`/documents/${adminDocumentId}`);
  expect(viewer?.status()).toBe(404);

  // Suggestions on the empty chat come from one's own documents.
  const chat = new ChatPage(member.page);
  await chat.goto();
  const suggestions = member.page.getByTestId("suggested-question");
  await expect(suggestions.first()).toBeVisible();
  await expect(suggestions.filter({ hasText: memberFile.name }).first()).toBeVisible();
  await expect(suggestions.filter({ hasText: adminFile.name })).toHaveCount(0);

  // Chat: asked for the admin's code, even scoped to the admin's document, the answer never quotes it.
  await chat.ask("What is the launch code QUASAR-7731?");
  const answer = await chat.answer();
  expect(answer).not.toContain("QUASAR-7731 and only Ada");
  await expect(member.page.getByTestId("citation").filter({ hasText: adminFile.name })).toHaveCount(0);
  const forged = await member.page.request.post("/api/chat", {
    data: {
      id: crypto.randomUUID(),
      trigger: "submit-message",
      save: false,
      documentIds: [adminDocumentId],
      task: "summarize",
      message: { id: "q1", role: "user", parts: [{ type: "text", text: "Summarise" }] },
    },
  });
  expect(await forged.text()).not.toContain("QUASAR-7731");

  // The admin's chats are the admin's: the member's list does not show them, nor their URL.
  const adminChat = new ChatPage(admin.page);
  await adminChat.goto();
  await adminChat.ask("Where is the launch code QUASAR-7731?");
  expect(await adminChat.answer()).toContain("QUASAR-7731");
  const adminChatPath = new URL(admin.page.url()).pathname;
  expect(adminChatPath).toMatch(/^\/chat\/./);
  const memberChats = (await (await member.page.request.get("/api/chats")).json()) as {
    chats: { id: string }[];
  };
  expect(memberChats.chats.map((entry) => `/chat/${entry.id}`)).not.toContain(adminChatPath);
  expect((await member.page.goto(adminChatPath))?.status()).toBe(404);
  expect((await member.page.request.get(`/api${adminChatPath.replace("/chat/", "/chats/")}`)).status()).toBe(
    404,
  );
});

test("a shared collection is found by both; a member adds to it only when allowed", async () => {
  await admin.page.goto("/account");
  await admin.page.getByLabel("Name", { exact: true }).fill("Handbook");
  await admin.page.getByTestId("create-collection").click();
  await expect(admin.page.getByText("Created “Handbook”.")).toBeVisible();
  const collections = (await (await admin.page.request.get("/api/collections")).json()) as {
    collections: { id: string; name: string; shared: boolean }[];
  };
  const handbook = collections.collections.find((collection) => collection.name === "Handbook");
  expect(handbook?.shared).toBe(true);

  const sharedFile = textFile(
    "handbook.md",
    "# Handbook\n\n## Holidays\n\nEvery person gets NEBULA-2020 days of leave.\n",
    "text/markdown",
  );
  await uploadIndexedTo(admin.page.request, sharedFile, handbook?.id);
  expect((await searchTexts(member.page.request, "NEBULA-2020 leave")).join(" ")).toContain("NEBULA-2020");
  expect((await searchTexts(admin.page.request, "NEBULA-2020 leave")).join(" ")).toContain("NEBULA-2020");

  // Readers are not adders: the member's upload there is refused, and nothing is kept.
  const refused = await uploadTo(member.page.request, textFile("intruder.txt", "not allowed"), handbook?.id);
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatch(/not add/);
  // The upload page offers the member their private collection only; the admin, both.
  await member.page.goto("/");
  await expect(member.page.getByTestId("upload-collection")).toHaveCount(0);
  await admin.page.goto("/");
  await expect(admin.page.getByTestId("upload-collection").locator("option")).toHaveText([
    "Private (only you)",
    "Handbook",
  ]);
});

test("signing a session out from the account page signs that browser out at once", async ({ browser }) => {
  const laptop = await newPerson(browser);
  await signIn(laptop.context.request, MEMBER);
  await laptop.page.goto("/");
  await expect(laptop.page.getByRole("heading", { name: "Documents", exact: true })).toBeVisible();

  await member.page.goto("/account");
  const rows = member.page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await member.page.getByTestId("revoke-session").click();
  await expect(rows).toHaveCount(1);

  // The other browser's cookie no longer opens anything: pages send it to sign in, APIs answer 401.
  await laptop.page.goto("/");
  await expect(laptop.page).toHaveURL(/\/sign-in/);
  expect((await laptop.context.request.get("/api/documents")).status()).toBe(401);
  // This browser is still signed in.
  expect((await member.page.request.get("/api/documents")).status()).toBe(200);
  await laptop.context.close();
});

test("an API key works on every route as its owner, and stops working once revoked", async ({
  playwright,
}) => {
  await member.page.goto("/account");
  await member.page.getByTestId("create-api-key").click();
  const key = (await member.page.getByTestId("new-api-key").textContent()) ?? "";
  expect(key).toMatch(/^dbrx_\w{20,}$/);

  const script = await playwright.request.newContext({
    baseURL: ACCOUNTS_APP_URL,
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
  const documents = (await (await script.get("/api/documents")).json()) as { documents: { name: string }[] };
  expect(documents.documents.map((document) => document.name)).toContain(memberFile.name);
  expect(documents.documents.map((document) => document.name)).not.toContain(adminFile.name);
  expect((await searchTexts(script, "ZUCCHINI-5512")).join(" ")).toContain("ZUCCHINI-5512");
  expect(await searchTexts(script, "QUASAR-7731")).toEqual([]);
  const uploaded = await uploadTo(script, textFile("from-a-script.txt", "Uploaded by a script with a key."));
  expect(uploaded.status).toBe(202);
  expect((await script.get(`/api/documents/${adminDocumentId}`)).status()).toBe(404);

  await member.page.getByTestId("revoke-api-key").click();
  await expect(member.page.getByTestId("api-key-row")).toHaveCount(0);
  expect((await script.get("/api/documents")).status()).toBe(401);
  expect((await script.post("/api/retrieve", { data: { query: "ZUCCHINI" } })).status()).toBe(401);
  await script.dispose();
});

test("an admin disables an account: its sessions end at once, it cannot sign in, and enabling lets it back", async ({
  browser,
  playwright,
}) => {
  const accounts = (await (await admin.page.request.get("/api/accounts")).json()) as {
    accounts: { id: string; email: string }[];
  };
  const memberId = accounts.accounts.find((account) => account.email === MEMBER.email)?.id as string;
  await admin.page.goto("/account");
  await admin.page
    .locator(`[data-testid="account-row"][data-email="${MEMBER.email}"]`)
    .getByTestId("toggle-account")
    .click();
  await expect(admin.page.locator(`[data-testid="account-row"][data-email="${MEMBER.email}"]`)).toContainText(
    "disabled",
  );

  expect((await member.page.request.get("/api/documents")).status()).toBe(401);
  const refused = await member.page.request.post("/api/session", { data: MEMBER });
  expect(refused.status()).toBe(403);

  expect(
    (await admin.page.request.patch(`/api/accounts/${memberId}`, { data: { disabled: false } })).status(),
  ).toBe(200);
  await signIn(member.page.request, MEMBER);
  expect((await member.page.request.get("/api/documents")).status()).toBe(200);

  // A reset is an invite for the existing account: a new password, and the old sessions and keys end.
  const { key } = (await (await member.page.request.post("/api/keys", { data: {} })).json()) as {
    key: string;
  };
  const script = await playwright.request.newContext({
    baseURL: ACCOUNTS_APP_URL,
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
  expect((await script.get("/api/documents")).status()).toBe(200);
  const reset = await admin.page.request.post("/api/invites", {
    data: { email: MEMBER.email, role: "member" },
  });
  const { url, reset: isReset } = (await reset.json()) as { url: string; reset: boolean };
  expect(isReset).toBe(true);
  const other = await newPerson(browser);
  await other.page.goto(url);
  await expect(other.page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await other.page.getByLabel("Password").fill("max-new-password-3");
  await other.page.getByTestId("sign-in-button").click();
  await expect(other.page.getByRole("heading", { name: "Documents", exact: true })).toBeVisible();
  expect((await member.page.request.get("/api/documents")).status()).toBe(401);
  expect((await member.page.request.post("/api/session", { data: MEMBER })).status()).toBe(401);
  expect((await script.get("/api/documents")).status()).toBe(401);
  await script.dispose();
  MEMBER.password = "max-new-password-3";
  await signIn(member.page.request, MEMBER);
  await other.context.close();
});

test("sign-in through the form, with a wrong password first; signing out ends the session everywhere", async ({
  browser,
}) => {
  const { context, page } = await newPerson(browser);
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fchat/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByTestId("sign-in-button").click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByTestId("sign-in-button").click();
  await expect(page).toHaveURL(/\/chat$/);
  const cookies = await context.cookies();
  await page.getByTestId("sign-out-button").click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The cookie that was signed out opens nothing, wherever it is replayed.
  const replay = await browser.newContext({ baseURL: ACCOUNTS_APP_URL });
  await replay.addCookies(cookies);
  expect((await replay.request.get("/api/documents")).status()).toBe(401);
  await replay.close();
  await context.close();
});

test("single sign-on through the OpenID provider makes a member of an allowed domain and signs them in", async ({
  browser,
}) => {
  const { context, page } = await newPerson(browser);
  await page.goto("/sign-in");
  await page.getByTestId("sso-button").click();
  await expect(page.getByRole("heading", { name: "Documents", exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await page.goto("/account");
  await expect(page.getByTestId("signed-in-as")).toContainText(`${OIDC_PERSON.email} (member)`);
  // A new account starts with an empty private collection: nobody else's documents.
  const documents = (await (await page.request.get("/api/documents")).json()) as {
    documents: { name: string }[];
  };
  expect(documents.documents.map((document) => document.name)).not.toContain(adminFile.name);
  expect(documents.documents.map((document) => document.name)).not.toContain(memberFile.name);
  await context.close();
});
