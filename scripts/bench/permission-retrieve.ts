// What the permission filter costs on POST /api/retrieve (issue 13), at 100,000 chunks over 50
// collections, through the production server: a member who may read 10 of the 50 collections (their
// private one and 9 shared), the admin who reads 49 (every shared one and their own), and the same
// data served without accounts (no filter), by a second instance on the same database and Chroma
// server, in the same run. Vectors come from the local OpenAI-compatible stand-in, so both the
// lexical index and Chroma's dense query run. Prints p50/p95 and the server's phases; asserts nothing.
// Run: npm run bench:permissions-retrieve (about 10 minutes, most of it indexing).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startOpenAICompatibleServer, TEST_TOKEN } from "../../e2e/support/openai-compatible-server";
import { startAppInstance } from "../app-instance";
import { startChroma } from "../chroma.mjs";
import { percentile } from "./common";
import { sentencePool, syntheticDocument } from "./retrieval";

const COLLECTIONS = 50;
const DOCUMENTS_PER_COLLECTION = 40;
/** About 50 chunks of 64 tokens per document: 100,000 chunks in all. */
const DOCUMENT_CHARS = 10_000;
const QUERIES = 60;
const FILES_PER_REQUEST = 20;

const dataDir = mkdtempSync(path.join(tmpdir(), "permission-retrieve-"));
const chroma = await startChroma({ dataPath: path.join(dataDir, "chroma") });
const model = await startOpenAICompatibleServer();
const shared = {
  DATA_DIR: path.join(dataDir, "app"),
  CHROMA_URL: chroma.url,
  CHROMA_COLLECTION: "bench",
  EMBEDDING_PROVIDER: "openai-compatible",
  EMBEDDING_BASE_URL: `${model.url}/v1`,
  EMBEDDING_API_KEY: TEST_TOKEN,
  EMBEDDING_MODEL: "bench-embedder",
  CHUNK_TOKENS: "64",
  CHUNK_OVERLAP_TOKENS: "0",
  RATE_LIMIT_SEARCH_PER_MINUTE: "1000000",
  RATE_LIMIT_UPLOADS_PER_MINUTE: "1000000",
  INGEST_CONCURRENCY: "2",
};

type Json = Record<string, unknown>;
async function call(url: string, path: string, init: RequestInit & { key?: string; cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (typeof init.body === "string") headers.set("content-type", "application/json");
  const response = await fetch(`${url}${path}`, { ...init, headers });
  if (!response.ok)
    throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return response;
}
const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

try {
  const accounts = await startAppInstance({
    ...shared,
    AUTH_SECRET: "bench-accounts-secret-0123456789abcdef",
  });
  const url = accounts.url;
  const adminCookie = cookieOf(
    await call(url, "/api/setup", {
      method: "POST",
      body: JSON.stringify({ email: "admin@bench.test", password: "admin-bench-1" }),
    }),
  );
  const adminKey = (
    (await (await call(url, "/api/keys", { method: "POST", cookie: adminCookie })).json()) as Json
  ).key as string;
  const { token } = (await (
    await call(url, "/api/invites", {
      method: "POST",
      key: adminKey,
      body: JSON.stringify({ email: "member@bench.test" }),
    })
  ).json()) as { token: string };
  const memberCookie = cookieOf(
    await call(url, `/api/invites/${token}`, {
      method: "POST",
      body: JSON.stringify({ password: "member-bench-1" }),
    }),
  );
  const memberKey = (
    (await (await call(url, "/api/keys", { method: "POST", cookie: memberCookie })).json()) as Json
  ).key as string;
  const { accounts: people } = (await (await call(url, "/api/accounts", { key: adminKey })).json()) as {
    accounts: { id: string; email: string }[];
  };
  const memberId = people.find((person) => person.email === "member@bench.test")?.id as string;

  // 50 collections: each person's private one and 48 shared, 9 of which the member may read.
  const targets: { collectionId?: string; key: string }[] = [{ key: adminKey }, { key: memberKey }];
  for (let n = 0; n < COLLECTIONS - 2; n++) {
    const { collection } = (await (
      await call(url, "/api/collections", {
        method: "POST",
        key: adminKey,
        body: JSON.stringify({ name: `Shared ${n}`, shared: true, readers: n < 9 ? [memberId] : [] }),
      })
    ).json()) as { collection: { id: string } };
    targets.push({ collectionId: collection.id, key: adminKey });
  }

  const pool = await sentencePool();
  const started = performance.now();
  let seed = 0;
  for (const target of targets) {
    for (let from = 0; from < DOCUMENTS_PER_COLLECTION; from += FILES_PER_REQUEST) {
      const form = new FormData();
      if (target.collectionId) form.append("collectionId", target.collectionId);
      for (let n = 0; n < FILES_PER_REQUEST; n++) {
        seed++;
        form.append(
          "file",
          new File([syntheticDocument(pool, seed, DOCUMENT_CHARS)], `doc-${seed}.md`, {
            type: "text/markdown",
          }),
        );
      }
      await call(url, "/api/documents", { method: "POST", key: target.key, body: form });
    }
  }
  let chunks = 0;
  for (;;) {
    const { documents } = (await (await call(url, "/api/documents", { key: adminKey })).json()) as {
      documents: { status: string; chunks: number }[];
    };
    const waiting = documents.filter(
      (document) => document.status === "queued" || document.status === "indexing",
    );
    if (waiting.length === 0 && documents.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  // The admin's list holds every shared document and the admin's own; the member's private ones are theirs alone.
  for (const [key, only] of [
    [adminKey, undefined],
    [memberKey, `private:${memberId}`],
  ] as const) {
    const { documents } = (await (await call(url, "/api/documents", { key })).json()) as {
      documents: { chunks: number; collectionId: string }[];
    };
    for (const document of documents) if (!only || document.collectionId === only) chunks += document.chunks;
  }
  console.log(
    `indexed ${seed} documents in ${targets.length} collections in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const queries = Array.from({ length: QUERIES }, (_, n) =>
    pool[(n * 7919) % pool.length].split(" ").slice(0, 6).join(" "),
  );
  async function measure(base: string, key: string | undefined) {
    const totals: number[] = [];
    const phases = new Map<string, number[]>();
    let results = 0;
    // One warm-up pass, then the measured one.
    for (const round of [0, 1]) {
      for (const query of queries) {
        const at = performance.now();
        const response = await call(base, "/api/retrieve", {
          method: "POST",
          key,
          body: JSON.stringify({ query, k: 10, rerank: false }),
        });
        const body = (await response.json()) as { results: unknown[] };
        if (round === 0) continue;
        totals.push(performance.now() - at);
        results += body.results.length;
        for (const part of (response.headers.get("server-timing") ?? "").split(",")) {
          const match = part.trim().match(/^([\w-]+);dur=([\d.]+)/);
          if (match) phases.set(match[1], [...(phases.get(match[1]) ?? []), Number(match[2])]);
        }
      }
    }
    const phaseText = [...phases]
      .filter(([name]) => name !== "total")
      .map(([name, values]) => `${name} ${percentile(values, 50).toFixed(1)}`)
      .join(", ");
    return `p50 ${percentile(totals, 50).toFixed(1)} ms, p95 ${percentile(totals, 95).toFixed(1)} ms (${(results / QUERIES).toFixed(1)} results; server p50 by phase: ${phaseText})`;
  }
  const member = await measure(url, memberKey);
  const admin = await measure(url, adminKey);
  await accounts.stop();

  // The same database and Chroma server, served without accounts: every search unfiltered.
  const open = await startAppInstance({ ...shared });
  const unfiltered = await measure(open.url, undefined);
  await open.stop();

  console.log(
    `POST /api/retrieve at ${chunks} chunks over ${COLLECTIONS} collections, hybrid (lexical + dense), k=10:`,
  );
  console.log(`  member reading 10 of 50 collections: ${member}`);
  console.log(`  admin reading 49 of 50 collections:  ${admin}`);
  console.log(`  no accounts (no filter):             ${unfiltered}`);
} finally {
  await model.close();
  await chroma.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
