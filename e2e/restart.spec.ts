import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { descendants, running } from "../scripts/process-tree.mjs";

// This file runs its own app instance so that it can stop and start it.
const port = 3211;
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(import.meta.dirname, "..", ".cache", "e2e-data", "restart");

type App = { process: ChildProcess; log: () => string };

async function startApp(): Promise<App> {
  const child = spawn(process.execPath, ["scripts/launch.mjs", "start"], {
    cwd: path.join(import.meta.dirname, ".."),
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    log += chunk;
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return { process: child, log: () => log };
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGINT");
  throw new Error(`the app did not start:\n${log}`);
}

function stopApp(app: App): Promise<void> {
  return new Promise((resolve) => {
    if (app.process.exitCode !== null) return resolve();
    app.process.once("exit", () => resolve());
    app.process.kill("SIGINT");
  });
}

/** The Chroma servers the launcher reported ready, oldest first. */
const chromaPids = (app: App) =>
  [...app.log().matchAll(/\[launch\] Chroma \S+ \(pid (\d+)/g)].map((match) => Number(match[1]));

async function upload(request: APIRequestContext, name: string, text: string) {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/plain" }));
  const response = await request.post(`${baseURL}/api/documents`, { multipart: form });
  expect(response.ok()).toBe(true);
}

async function documentStatus(request: APIRequestContext, name: string) {
  const { documents } = await (await request.get(`${baseURL}/api/documents`)).json();
  return (documents as { name: string; status: string }[]).find((document) => document.name === name)?.status;
}

async function uploadAndWait(request: APIRequestContext, name: string, text: string) {
  await upload(request, name, text);
  await expect.poll(() => documentStatus(request, name), { timeout: 60_000 }).toBe("ready");
}

test("a chat and its documents survive a restart of the server", async ({ request }) => {
  test.setTimeout(120_000);
  rmSync(dataDir, { recursive: true, force: true });
  let app = await startApp();
  await uploadAndWait(request, "ospreys.txt", "Ospreys dive feet first to catch fish.");
  const chatId = `restart-${Date.now()}`;
  const question = { id: "q1", role: "user", parts: [{ type: "text", text: "How do ospreys catch fish?" }] };
  await (
    await request.post(`${baseURL}/api/chat`, {
      data: { id: chatId, trigger: "submit-message", messages: [question] },
    })
  ).text();
  await stopApp(app);

  app = await startApp();
  try {
    const saved = await (await request.get(`${baseURL}/api/chats/${chatId}`)).json();
    expect(saved.chat.title).toBe("How do ospreys catch fish?");
    expect(JSON.stringify(saved.messages)).toContain("dive feet first");
    const hits = await (await request.post(`${baseURL}/api/retrieve`, { data: { query: "ospreys" } })).json();
    expect(hits.results[0].documentName).toBe("ospreys.txt");
  } finally {
    await stopApp(app);
  }
});

test("the app recovers by itself when its Chroma server dies", async ({ request }) => {
  test.setTimeout(120_000);
  rmSync(dataDir, { recursive: true, force: true });
  const app = await startApp();
  try {
    await uploadAndWait(request, "ospreys.txt", "Ospreys dive feet first to catch fish.");
    const [first] = chromaPids(app);
    process.kill(first, "SIGKILL");

    await expect.poll(() => chromaPids(app).length, { timeout: 60_000 }).toBe(2);
    await expect
      .poll(async () => (await request.get(`${baseURL}/api/health`)).status(), { timeout: 30_000 })
      .toBe(200);
    const hits = await (await request.post(`${baseURL}/api/retrieve`, { data: { query: "ospreys" } })).json();
    expect(hits.results[0].documentName).toBe("ospreys.txt");
    await uploadAndWait(request, "herons.txt", "Herons stand still in shallow water.");
  } finally {
    await stopApp(app);
  }
});

test("SIGTERM while the server is busy stops every process of the app, and it starts again at once", async ({
  request,
}) => {
  test.setTimeout(120_000);
  rmSync(dataDir, { recursive: true, force: true });
  const app = await startApp();
  const tree = descendants(app.process.pid ?? 0);
  expect(tree.length).toBeGreaterThanOrEqual(2); // Next and Chroma
  // A document big enough to keep the server busy indexing it when the signal arrives.
  const paragraphs = Array.from({ length: 20_000 }, (_, n) => `Paragraph ${n} about the tides at pier ${n}.`);
  const uploading = upload(request, "tides.txt", paragraphs.join("\n\n"));
  await expect.poll(() => documentStatus(request, "tides.txt"), { timeout: 30_000 }).toBeDefined();
  const exited = new Promise((resolve) => app.process.once("exit", resolve));
  app.process.kill("SIGTERM");
  expect(await exited).toBe(0);
  await uploading.catch(() => {});

  // The launcher waited for all of them before it exited.
  expect(tree.filter(running)).toEqual([]);
  const again = await startApp();
  try {
    expect((await request.get(`${baseURL}/api/health`)).status()).toBe(200);
  } finally {
    await stopApp(again);
  }
});

test("a crash of the server mid-ingestion loses nothing: after the restart the job runs again to exactly a clean run's chunks", async ({
  request,
}) => {
  test.setTimeout(180_000);
  rmSync(dataDir, { recursive: true, force: true });
  const paragraphs = Array.from({ length: 12_000 }, (_, n) => `Paragraph ${n} about the tides at pier ${n}.`);
  const text = paragraphs.join("\n\n");
  let app = await startApp();
  try {
    await upload(request, "tides.txt", text);
    const tides = async () => {
      const { documents } = await (await request.get(`${baseURL}/api/documents`)).json();
      return (
        documents as {
          id: string;
          name: string;
          status: string;
          chunks: number;
          progress: { chunksDone: number };
        }[]
      ).find((document) => document.name === "tides.txt");
    };
    await expect
      .poll(async () => (await tides())?.progress.chunksDone ?? 0, { timeout: 60_000, intervals: [50] })
      .toBeGreaterThan(0);
    // The server process dies as in a crash (no signal handler runs); the launcher then stops too.
    const server = descendants(app.process.pid ?? 0).find((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("next-server"),
    );
    expect(server).toBeDefined();
    const exited = new Promise((resolve) => app.process.once("exit", resolve));
    process.kill(server as number, "SIGKILL");
    await exited;
    expect((await tides().catch(() => undefined))?.status).toBeUndefined();

    app = await startApp();
    await expect.poll(async () => (await tides())?.status, { timeout: 120_000 }).toBe("ready");
    const recovered = await tides();
    // The same text indexed from scratch on another instance, with the same chunk settings.
    const form = new FormData();
    form.append("file", new File([text], "tides-clean.txt", { type: "text/plain" }));
    const clean = await (await request.post("/api/documents", { multipart: form })).json();
    const cleanId = clean.documents[0].id as string;
    await expect
      .poll(async () => (await (await request.get(`/api/documents/${cleanId}`)).json()).document.status, {
        timeout: 120_000,
      })
      .toBe("ready");
    const cleanRun = (await (await request.get(`/api/documents/${cleanId}`)).json()).document;
    await request.delete(`/api/documents/${cleanId}`);
    expect(recovered?.chunks).toBe(cleanRun.chunks);
    // No chunk is there twice: a search returns each matching chunk once.
    const { results } = await (
      await request.post(`${baseURL}/api/retrieve`, { data: { query: "tides at pier", k: 50 } })
    ).json();
    const indexes = (results as { chunkIndex: number }[]).map((hit) => hit.chunkIndex);
    expect(new Set(indexes).size).toBe(indexes.length);
  } finally {
    await stopApp(app);
  }
});
