import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// This file runs its own app instance so that it can stop and start it.
const port = 3211;
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(import.meta.dirname, "..", ".cache", "e2e-data", "restart");

async function startApp(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["scripts/launch.mjs", "start"], {
    cwd: path.join(import.meta.dirname, ".."),
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: "ignore",
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return child;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGINT");
  throw new Error("the app did not start");
}

function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
}

test("a chat and its documents survive a restart of the server", async ({ request }) => {
  test.setTimeout(120_000);
  rmSync(dataDir, { recursive: true, force: true });
  let app = await startApp();
  const form = new FormData();
  form.append(
    "file",
    new File(["Ospreys dive feet first to catch fish."], "ospreys.txt", { type: "text/plain" }),
  );
  expect((await request.post(`${baseURL}/api/documents`, { multipart: form })).status()).toBe(201);
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
