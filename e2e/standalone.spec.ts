import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { MODEL_URL } from "../playwright.config";
import { startChroma } from "../scripts/chroma.mjs";
import { listDocuments, retrieveFrom } from "./support/api";
import { fixture } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { makeTextPdf } from "./support/make-pdf";
import { TEST_TOKEN } from "./support/openai-compatible-server";

// The Docker image without Docker (no engine runs here): the Dockerfile's runtime stage is replayed
// into a folder (its COPY --from=build lines and its ENV), and `node server.js` is run the way
// docker-compose.yml runs it: a Chroma server of its own, Postgres when one is reachable, a password,
// and DBRX on a Databricks workspace (the tests' local stand-in).
const root = path.join(import.meta.dirname, "..");
// Outside the repository: Node looks for packages in every parent folder, and the image must run on
// its own node_modules alone.
const work = path.join(tmpdir(), "dbrx-e2e-standalone");
const image = path.join(work, "app");
const port = 3221;
const baseURL = `http://127.0.0.1:${port}`;
const password = "standalone password";
const chromaKey = "runtime-chroma-key-0d3f";
const sessionSecret = "runtime-session-secret-91ac";

/**
 * The runtime stage of the Dockerfile: what it copies from the build stage and from the deps stage
 * (`npm ci --omit=dev`: the repository's installed production packages stand in for it, linked
 * rather than copied, 700 MB), and its ENV.
 */
function runtimeStage() {
  const lines = readFileSync(path.join(root, "Dockerfile"), "utf8").split("\n");
  const stage = lines.slice(lines.findLastIndex((line) => line.startsWith("FROM ")));
  const copies = stage.flatMap((line) => {
    const match = /^COPY --from=(build|deps) \/app\/(\S+) (\S+)$/.exec(line.trim());
    if (!match) return [];
    const [, from, source, to] = match;
    if (from === "build") return [{ from: source, to, link: false }];
    expect(source).toBe("node_modules");
    return productionPackages().map((folder) => ({
      from: folder,
      to: path.join(to, path.relative("node_modules", folder)),
      link: true,
    }));
  });
  const envLine = stage.find((line) => line.startsWith("ENV ")) ?? "";
  const env = Object.fromEntries(
    [...envLine.matchAll(/(\w+)=(\S+)/g)].map(([, name, value]) => [name, value] as const),
  );
  return { copies, env };
}

/**
 * The installed production packages at the top of node_modules, as folders relative to the
 * repository (a nested one comes inside its parent's folder).
 */
function productionPackages(): string[] {
  const listed = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], { cwd: root }).toString();
  return listed
    .split("\n")
    .map((line) => path.relative(root, line))
    .filter((folder) => /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(folder));
}

async function resetPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      "DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public",
    );
  } finally {
    await client.end();
  }
}

let server: ChildProcess | undefined;
let chroma: { url: string; stop: () => Promise<void> } | undefined;
let serverLog = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { copies, env } = runtimeStage();
  expect(copies.map((copy) => copy.from)).toContain(".next/standalone");
  if (!existsSync(path.join(root, ".next", "standalone", "server.js"))) {
    throw new Error("No standalone build: run `NEXT_OUTPUT=standalone next build` first (npm test does).");
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(image, { recursive: true });
  for (const { from, to, link } of copies) {
    const target = path.join(image, to);
    if (!link) {
      cpSync(path.join(root, from), target, { recursive: true, dereference: true });
      continue;
    }
    // The package as the deps stage installs it, in place of the standalone output's traced part of it.
    rmSync(target, { recursive: true, force: true });
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.join(root, from), target, "dir");
  }
  chroma = await startChroma({ dataPath: path.join(work, "chroma") });
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (databaseUrl) await resetPostgres(databaseUrl);

  const child = spawn(process.execPath, ["server.js"], {
    cwd: image,
    // Only what the image and docker-compose.yml provide: no variables of the test runner's own.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      ...env,
      PORT: String(port),
      DATA_DIR: path.join(work, "data"),
      CHROMA_URL: chroma.url,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      APP_PASSWORD: password,
      SESSION_SECRET: sessionSecret,
      // The local Chroma server has no auth and ignores the key; it is here to be looked for below.
      CHROMA_API_KEY: chromaKey,
      DATABRICKS_HOST: MODEL_URL,
      DATABRICKS_TOKEN: TEST_TOKEN,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    serverLog = (serverLog + chunk).slice(-4000);
  };
  server = child;
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return;
    } catch {}
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the standalone server did not start:\n${serverLog}`);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await chroma?.stop();
});

test("a person signs in through the form and stays on the address they typed", async ({ page }) => {
  // The image listens on 0.0.0.0; redirects must not send the browser there.
  await page.goto(`${baseURL}/chat`);
  await expect(page).toHaveURL(`${baseURL}/sign-in?next=%2Fchat`);
  await page.getByTestId("password-input").fill(password);
  await page.getByTestId("sign-in-button").click();
  await expect(page).toHaveURL(`${baseURL}/chat`);
  await expect(page.getByTestId("chat-input")).toBeVisible();
  await page.getByTestId("sign-out-button").click();
  await expect(page).toHaveURL(`${baseURL}/sign-in`);
});

test("the Docker image's server signs people in, ingests a PDF and answers from it with DBRX", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const health = await (await request.get(`${baseURL}/api/health`)).json();
  expect(JSON.stringify(health)).toContain("databricks-dbrx-instruct");
  expect((await request.get(`${baseURL}/api/documents`)).status()).toBe(401);
  const signIn = await request.post(`${baseURL}/api/auth/sign-in`, { data: { password } });
  expect(signIn.status()).toBe(200);

  // The PDF worker and the migrations are files read at run time: they must be in the image.
  const pdf = await makeTextPdf(["Lighthouse log.", "The keeper winds the clockwork lamp every four hours."]);
  const uploaded = await uploadIndexed(
    request,
    [{ name: "keeper.pdf", mimeType: "application/pdf", buffer: pdf }],
    baseURL,
  );
  expect(uploaded.status, uploaded.body.error).toBe(202);
  expect(uploaded.body.documents?.[0]).toMatchObject({ name: "keeper.pdf", pages: 2, status: "ready" });
  expect((await listDocuments(request, baseURL)).map((document) => document.name)).toEqual(["keeper.pdf"]);

  // So are OCR's worker script, WebAssembly core and English data: a scanned page is read.
  const scanned = await uploadIndexed(
    request,
    [{ name: "mixed-scan.pdf", mimeType: "application/pdf", buffer: fixture("mixed-scan.pdf") }],
    baseURL,
  );
  expect(scanned.body.documents?.[0]).toMatchObject({ status: "ready", ocrPages: [2, 3], emptyPages: [3] });
  await request.delete(`${baseURL}/api/documents/${scanned.body.documents?.[0].id}`);

  const hits = await retrieveFrom(request, { query: "How often is the lamp wound?" }, baseURL);
  expect(hits.body.results?.[0].documentName).toBe("keeper.pdf");
  expect(hits.body.results?.[0].text).toContain("clockwork lamp every four hours");

  const question = {
    id: "q1",
    role: "user",
    parts: [{ type: "text", text: "How often is the lamp wound?" }],
  };
  const answer = await request.post(`${baseURL}/api/chat`, {
    data: { id: "standalone-chat", trigger: "submit-message", messages: [question] },
  });
  expect(answer.status()).toBe(200);
  const stream = await answer.text();
  expect(stream).toContain("every four hours");
  expect(stream).toContain("[1]");

  // None of this server's secrets is in any page it renders, signed in or not.
  const shared = await (await request.post(`${baseURL}/api/chats/standalone-chat/share`)).json();
  const secrets = [password, sessionSecret, chromaKey, TEST_TOKEN, process.env.TEST_DATABASE_URL].filter(
    (secret): secret is string => Boolean(secret),
  );
  for (const page of ["/", "/chat", "/chat/standalone-chat", shared.path, "/sign-in", "/api/health"]) {
    const html = await (await request.get(`${baseURL}${page}`)).text();
    expect(html.length, page).toBeGreaterThan(20);
    for (const secret of secrets) expect(html.includes(secret), `a secret in ${page}`).toBe(false);
  }
});
