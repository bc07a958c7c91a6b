import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { APP_URL, LOCKED_APP_URL, LOCKED_PASSWORD } from "../playwright.config";
import { type DocumentBody, listDocuments } from "./support/api";

test.describe.configure({ mode: "serial" });

/** What a page on another site sends along when it posts to the app (a no-cors fetch or a form). */
const FROM_ANOTHER_SITE = { origin: "http://evil.example", "sec-fetch-site": "cross-site" };
const MEGABYTE = 1024 * 1024;

function textForm(name: string, text: string): FormData {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/plain" }));
  return form;
}

/** A text file of about `megabytes` MB: numbered sentences, so that it chunks like prose. */
function largeText(megabytes: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let n = 0; length < megabytes * MEGABYTE; n++) {
    const line = `Sentence ${n} of the large upload tells the request guard apart from the body limit.\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join("");
}

function chatRequest(id: string, text: string) {
  return {
    id,
    trigger: "submit-message",
    messages: [{ id: "q1", role: "user", parts: [{ type: "text", text }] }],
  };
}

async function chatTitle(request: APIRequestContext, id: string): Promise<string | null> {
  const response = await request.get(`/api/chats/${id}`);
  return response.ok() ? (await response.json()).chat.title : null;
}

const names = (documents: DocumentBody[]) => documents.map((document) => document.name);

test("another site's page cannot change anything on an open instance, while curl-like clients can", async ({
  request,
}) => {
  const run = Date.now();
  const chatId = `guard-chat-${run}`;
  const uploaded = await request.post("/api/documents", {
    multipart: textForm(`guard-kept-${run}.txt`, "Kingfishers hunt from a perch above the water."),
  });
  // 202 while it is queued for indexing, which is all this test needs.
  expect(uploaded.ok(), await uploaded.text()).toBe(true);
  const [kept] = (await uploaded.json()).documents as DocumentBody[];
  await (await request.post("/api/chat", { data: chatRequest(chatId, "How do kingfishers hunt?") })).text();
  expect(await chatTitle(request, chatId)).toBe("How do kingfishers hunt?");

  const forgedChatId = `guard-forged-${run}`;
  const forged = [
    request.post("/api/chat", { headers: FROM_ANOTHER_SITE, data: chatRequest(forgedChatId, "Hello") }),
    request.patch(`/api/chats/${chatId}`, { headers: FROM_ANOTHER_SITE, data: { title: "Renamed by evil" } }),
    request.delete(`/api/documents/${kept.id}`, { headers: FROM_ANOTHER_SITE }),
    request.post("/api/documents", {
      headers: FROM_ANOTHER_SITE,
      multipart: textForm(`guard-forged-${run}.txt`, "Planted by another site."),
    }),
  ];
  for (const response of await Promise.all(forged)) {
    expect(response.status(), response.url()).toBe(403);
    expect(await response.json(), response.url()).toMatchObject({ code: "forbidden" });
  }
  expect(await chatTitle(request, forgedChatId)).toBeNull();
  expect(await chatTitle(request, chatId)).toBe("How do kingfishers hunt?");
  const afterForgery = names(await listDocuments(request));
  expect(afterForgery).toContain(kept.name);
  expect(afterForgery).not.toContain(`guard-forged-${run}.txt`);

  // The same requests without a browser's headers, as curl sends them.
  const answered = await request.post("/api/chat", { data: chatRequest(forgedChatId, "Hello") });
  expect(answered.status()).toBe(200);
  await answered.text();
  expect(await chatTitle(request, forgedChatId)).toBe("Hello");
  expect((await request.patch(`/api/chats/${chatId}`, { data: { title: "Kingfishers" } })).status()).toBe(
    200,
  );
  expect(await chatTitle(request, chatId)).toBe("Kingfishers");
  expect((await request.delete(`/api/documents/${kept.id}`)).status()).toBe(200);
  const added = await request.post("/api/documents", {
    multipart: textForm(`guard-curl-${run}.txt`, "Uploaded from a script."),
  });
  expect(added.ok()).toBe(true);
  const afterCurl = names(await listDocuments(request));
  expect(afterCurl).not.toContain(kept.name);
  expect(afterCurl).toContain(`guard-curl-${run}.txt`);
});

test("the app's own pages still save: a browser's same-origin write passes", async ({ page }) => {
  await page.goto("/chat");
  const status = await page.evaluate(async () => {
    const form = new FormData();
    form.append("file", new File(["Terns migrate from pole to pole."], "guard-same-origin.txt"));
    return (await fetch("/api/documents", { method: "POST", body: form })).status;
  });
  expect(status).toBeGreaterThanOrEqual(200);
  expect(status).toBeLessThan(300);
});

test("an open instance answers only for its own host names (DNS rebinding)", async ({ request }) => {
  for (const target of ["/chat", "/api/chats", "/api/documents"]) {
    const rebound = await request.get(target, { headers: { host: "evil.example" } });
    expect(rebound.status(), target).toBe(403);
    expect(await rebound.text(), target).toMatch(/evil\.example.*ALLOWED_HOSTS/);
    expect((await request.get(target, { headers: { host: "localhost:3201" } })).status(), target).toBe(200);
  }
  expect((await request.get(`${APP_URL}/chat`)).status()).toBe(200);
  // Monitoring addresses the instance by whatever name it has.
  expect((await request.get("/api/health", { headers: { host: "10.1.2.3:3201" } })).status()).toBe(200);
});

test("a locked instance refuses an upload without a session with JSON, however large", async ({
  request,
}) => {
  for (const megabytes of [0.001, 12]) {
    const response = await request.post(`${LOCKED_APP_URL}/api/documents`, {
      multipart: textForm("large.txt", largeText(megabytes)),
    });
    expect(response.status(), `${megabytes} MB`).toBe(401);
    expect(response.headers()["content-type"]).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({
      code: "unauthorized",
      error: expect.stringMatching(/Sign in/),
    });
  }
});

test.describe("uploads above the proxy's 10 MB body limit", () => {
  // Its own locked instance: the shared ones cap uploads at E2E_MAX_UPLOAD_MB, below the proxy's limit.
  const port = 3231;
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = path.join(import.meta.dirname, "..", ".cache", "e2e-data", "request-guard");
  let app: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    rmSync(dataDir, { recursive: true, force: true });
    app = spawn(process.execPath, ["scripts/launch.mjs", "start"], {
      cwd: path.join(import.meta.dirname, ".."),
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        APP_PASSWORD: LOCKED_PASSWORD,
        MAX_UPLOAD_MB: "20",
      },
      stdio: "ignore",
    });
    for (let attempt = 0; attempt < 500; attempt++) {
      try {
        if ((await fetch(`${baseURL}/api/health`)).ok) return;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the locked app with a 20 MB upload limit did not start");
  });

  test.afterAll(async () => {
    if (!app || app.exitCode !== null) return;
    const exited = new Promise((resolve) => app?.once("exit", resolve));
    app.kill("SIGINT");
    await exited;
  });

  test("a signed-in 12 MB text upload reaches the route whole and is accepted", async ({ request }) => {
    test.setTimeout(300_000);
    const signIn = await request.post(`${baseURL}/api/auth/sign-in`, { data: { password: LOCKED_PASSWORD } });
    expect(signIn.status()).toBe(200);
    const name = "twelve-megabytes.txt";
    const response = await request.post(`${baseURL}/api/documents`, {
      multipart: textForm(name, largeText(12)),
      timeout: 280_000,
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    expect(names(await listDocuments(request, baseURL))).toContain(name);
  });
});
