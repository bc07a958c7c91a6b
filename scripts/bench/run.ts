// `npm run bench`: on a production build with the offline embedder, through the HTTP API:
// ingestion time from the first byte sent to "ready" beside the LangChain.js peer (same Chroma
// server, same run), the server's memory idle, while it ingests a 40 MB PDF and while 10 uploads
// wait in the queue, the PDF engines' pages/s, /api/retrieve latency at 10,000 and 100,000 chunks,
// the chat route's overhead before the first token, the chat page's JavaScript beside the viewer's
// lazy pdf.js, and how well cited passages are placed on their PDF pages. Prints figures; asserts
// nothing.
// Options: --skip-highlight, --skip-bundle, --skip-ingest, --skip-peer, --skip-chat, --skip-retrieve, --skip-ocr, --max-chunks N.
import { type ChildProcess, execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ChromaClient } from "chromadb";
import { makeBulkyPdf } from "../../e2e/support/make-bulky-pdf";
import { startOpenAICompatibleServer, TEST_TOKEN } from "../../e2e/support/openai-compatible-server";
import { startAppInstance } from "../app-instance";
import { startChroma } from "../chroma.mjs";
import { allQuestions } from "../eval/suite";
import { benchBundle } from "./bundle";
import {
  ingest,
  median,
  nextServerPid,
  peakWhile,
  percentile,
  residentMb,
  untilQuiet,
  untilReady,
  upload,
} from "./common";
import { benchHighlight } from "./highlight";
import { benchRetrieval } from "./retrieval";

const root = path.resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const maxChunks = args.includes("--max-chunks") ? Number(args[args.indexOf("--max-chunks") + 1]) : 100_000;

/** Rounds of the ingestion comparison. */
const ROUNDS = 7;

/** The LangChain.js peer of ../shared/peer, installed once into .cache/peer. */
function peerScript(): string | null {
  const directory = path.join(root, ".cache/peer");
  const script = path.join(directory, "langchain-ingest.mjs");
  if (!existsSync(path.join(directory, "node_modules/@langchain/community"))) {
    const source = path.join(root, "../shared/peer");
    if (!existsSync(source)) return null;
    execFileSync("mkdir", ["-p", directory]);
    for (const name of readdirSync(source))
      writeFileSync(path.join(directory, name), readFileSync(path.join(source, name)));
    const install = spawnSync(
      "npm",
      ["install", "--legacy-peer-deps", "--no-audit", "--no-fund", "--loglevel=error"],
      {
        cwd: directory,
        stdio: "inherit",
      },
    );
    if (install.status !== 0) return null;
  }
  return script;
}

function runPeer(
  script: string,
  chromaUrl: string,
  file: string,
): { total_ms: number; pages: number; chunks: number } {
  const output = execFileSync(process.execPath, [script, file], {
    env: { ...process.env, CHROMA_URL: chromaUrl },
  });
  return JSON.parse(output.toString().trim().split("\n").at(-1) as string);
}

/**
 * Chroma's own time to store a document's chunks: the records the app wrote (texts, vectors and
 * metadata read back from its collection) added by the client straight to a new collection, in
 * batches of 64, as the peer's store does. With the extraction engine's time, the floor of the
 * app's time to ready.
 */
async function chromaOwnWrite(chromaUrl: string, documentId: string): Promise<number> {
  const url = new URL(chromaUrl);
  const client = new ChromaClient({ host: url.hostname, port: Number(url.port) });
  const source = await client.getCollection({ name: "documents", embeddingFunction: null as never });
  const stored = await source.get({
    where: { documentId },
    include: ["documents", "embeddings", "metadatas"] as never,
  });
  const target = await client.createCollection({
    name: `bench-own-write-${Date.now()}`,
    embeddingFunction: null as never,
    configuration: { hnsw: { space: "ip" } },
  });
  const started = performance.now();
  for (let first = 0; first < stored.ids.length; first += 64) {
    const end = first + 64;
    await target.add({
      ids: stored.ids.slice(first, end),
      embeddings: (stored.embeddings as number[][]).slice(first, end),
      documents: (stored.documents as string[]).slice(first, end),
      metadatas: stored.metadatas.slice(first, end) as never,
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await client.deleteCollection({ name: target.name });
  return seconds;
}

// The peer writes a new collection every run, while the app's collection keeps the records of its
// earlier rounds (deleted ones too), and Chroma's writes slow as a collection fills: 0.5 s for 192
// chunks on a new collection, 1 s after 15 rounds of adding and deleting them (measured here). The
// comparison is therefore, if anything, unfair to the app.
async function benchIngestion(app: { url: string; process: ChildProcess }, chromaUrl: string) {
  const manual = path.join(root, "e2e/fixtures/flex-manual.pdf");
  const data = new Uint8Array(readFileSync(manual));
  const server = nextServerPid(app.process.pid as number);
  const script = args.includes("--skip-peer") ? null : peerScript();
  console.log(
    `Ingestion of a 140-page text manual (flex-manual.pdf), first byte sent → ready, median of ${ROUNDS} rounds` +
      (script ? " (the app, then the peer, in each round: the machine's speed drifts)" : ""),
  );
  const ours: number[] = [];
  const peer: number[] = [];
  const ownWrite: number[] = [];
  let shape = "";
  let peerShape = "";
  // A first upload of the same file warms the worker thread, PDFium, the tokenizer and the JIT, as
  // on a server that has indexed before.
  const warm = await ingest(app.url, "warm-up.pdf", data, "application/pdf");
  await fetch(`${app.url}/api/documents/${warm.document.id}`, { method: "DELETE" });
  for (let round = 0; round < ROUNDS; round++) {
    await untilQuiet();
    const { seconds, document, answeredMs } = await ingest(
      app.url,
      "flex-manual.pdf",
      data,
      "application/pdf",
    );
    ours.push(seconds);
    shape = `${document.pages} pages, ${document.chunks} chunks; upload answered in ${answeredMs.toFixed(0)} ms`;
    await untilQuiet();
    ownWrite.push(await chromaOwnWrite(chromaUrl, document.id));
    await fetch(`${app.url}/api/documents/${document.id}`, { method: "DELETE" });
    if (!script) continue;
    await untilQuiet();
    const result = runPeer(script, chromaUrl, manual);
    peer.push(result.total_ms / 1000);
    peerShape = `${result.pages} pages, ${result.chunks} chunks`;
  }
  const runs = (values: number[]) => values.map((value) => value.toFixed(2)).join(", ");
  console.log(
    `  this app (HTTP, offline embedder)   ${median(ours).toFixed(2)} s → ${(140 / median(ours)).toFixed(0)} pages/s (${shape}; runs ${runs(ours)} s; the first, cold: ${warm.seconds.toFixed(2)} s)`,
  );
  console.log(
    `  Chroma's own write of those chunks  ${median(ownWrite).toFixed(2)} s (the same records added by the client to a new collection; runs ${runs(ownWrite)} s)`,
  );
  if (script) {
    console.log(
      `  LangChain.js peer (in-process)      ${median(peer).toFixed(2)} s → ${(140 / median(peer)).toFixed(0)} pages/s (${peerShape}; runs ${runs(peer)} s)`,
    );
    console.log(
      `  → this app is ${(median(peer) / median(ours)).toFixed(1)}× the peer's speed, measured in the same run`,
    );
  } else console.log("  (peer skipped: ../shared/peer not found or --skip-peer)");

  await new Promise((resolve) => setTimeout(resolve, 12_000)); // idle workers exit after 10 s
  console.log(`\nMemory of the next-server process (VmRSS, sampled every 25 ms)`);
  console.log(`  idle, workers exited:               ${Math.round(residentMb(server))} MB`);
  const bulky = new Uint8Array(
    await makeBulkyPdf({ source: readFileSync(manual), totalBytes: 40 * 1024 * 1024 }),
  );
  const single = await peakWhile(server, () => ingest(app.url, "bulky.pdf", bulky, "application/pdf"));
  console.log(
    `  ingesting a 40 MB, ${single.result.document.pages}-page PDF:    peak ${single.peakMb} MB (limit 600 MB; ${single.result.seconds.toFixed(1)} s to ready)`,
  );
  await fetch(`${app.url}/api/documents/${single.result.document.id}`, { method: "DELETE" });
  const variants = await Promise.all(
    Array.from({ length: 10 }, (_, n) =>
      makeBulkyPdf({ source: readFileSync(manual), totalBytes: (40 - n) * 1024 * 1024 }),
    ),
  );
  // Ten documents waiting in the queue: uploaded one after the other (each answered at once), then indexed in turn.
  const queued = await peakWhile(server, async () => {
    const uploads = [];
    for (const [n, variant] of variants.entries())
      uploads.push(await upload(app.url, `queued-${n}.pdf`, new Uint8Array(variant), "application/pdf"));
    return Promise.all(uploads.map(({ document }) => untilReady(app.url, document.id)));
  });
  console.log(`  10 uploads of 31–40 MB waiting in the queue: peak ${queued.peakMb} MB (limit 600 MB)`);
  for (const { document } of queued.result)
    await fetch(`${app.url}/api/documents/${document.id}`, { method: "DELETE" });
  // The same ten sent at the same moment: ten bodies streaming in while the first ones are indexed.
  const parallel = await peakWhile(server, async () => {
    const uploads = await Promise.all(
      variants.map((variant, n) =>
        upload(app.url, `parallel-${n}.pdf`, new Uint8Array(variant), "application/pdf"),
      ),
    );
    return Promise.all(uploads.map(({ document }) => untilReady(app.url, document.id)));
  });
  console.log(`  the same 10 uploaded at the same moment:    peak ${parallel.peakMb} MB`);
  for (const { document } of parallel.result)
    await fetch(`${app.url}/api/documents/${document.id}`, { method: "DELETE" });

  const engines = spawnSync(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/bench/pdf-engines.ts", manual],
    { cwd: root },
  );
  if (engines.status === 0)
    console.log(`\nPDF engines on one thread (warm): ${engines.stdout.toString().trim()}`);
}

/** Milliseconds from sending a request until the first text of the answer arrives. */
async function timeToFirstToken(
  url: string,
  init: RequestInit,
  isText: (line: string) => boolean,
): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  let firstToken = Number.NaN;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    if (Number.isNaN(firstToken) && buffered.split("\n").some(isText))
      firstToken = performance.now() - started;
  }
  return { ms: firstToken, body: buffered };
}

async function benchFirstToken(app: { url: string }, modelUrl: string) {
  console.log("\nChat: the app's own overhead before the first streamed token (model answering at once)");
  const data = new Uint8Array(readFileSync(path.join(root, "e2e/fixtures/flex-manual.pdf")));
  await ingest(app.url, "flex-manual.pdf", data, "application/pdf");
  const questions = allQuestions();
  const appTimes: number[] = [];
  const modelTimes: number[] = [];
  const phases = new Map<string, number[]>();
  for (let n = 0; n < 120; n++) {
    const question = questions[n % questions.length];
    const appTime = await timeToFirstToken(
      `${app.url}/api/chat`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          id: `bench-${n}`,
          trigger: "submit-message",
          message: { id: `m${n}`, role: "user", parts: [{ type: "text", text: question }] },
          parentId: null,
        }),
      },
      (line) => line.includes('"type":"text-delta"'),
    );
    const modelTime = await timeToFirstToken(
      `${modelUrl}/v1/chat/completions`,
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
        body: JSON.stringify({
          model: "bench",
          stream: true,
          messages: [{ role: "user", content: question }],
        }),
      },
      (line) => line.includes('"content":"T'),
    );
    if (n === 0 && !appTime.body.includes(`"delta":"Test `)) {
      throw new Error(
        `the app did not answer through the local OpenAI-compatible server: ${appTime.body.slice(0, 600)}`,
      );
    }
    // The first 20 warm the server up.
    if (n >= 20) {
      appTimes.push(appTime.ms);
      modelTimes.push(modelTime.ms);
      // The route's own account of where the time went (a transient data part before the first token).
      const timings = /"type":"data-timings","data":(\{[^}]*\})/.exec(appTime.body)?.[1];
      for (const [phase, ms] of Object.entries(JSON.parse(timings ?? "{}") as Record<string, number>)) {
        phases.set(phase, [...(phases.get(phase) ?? []), ms]);
      }
    }
  }
  const overhead = appTimes.map((time, n) => time - modelTimes[n]);
  const phaseLine = (name: string) => {
    const values = phases.get(name) ?? [];
    return values.length > 0 ? `${name} p50 ${percentile(values, 50).toFixed(1)} ms` : `${name} (not run)`;
  };
  const line = (label: string, values: number[]) =>
    `  ${label.padEnd(44)} p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;
  console.log(line("request → first token through /api/chat", appTimes));
  console.log(line("model's own time to first token", modelTimes));
  console.log(line("app overhead (difference, per request)", overhead));
  console.log(
    `  breakdown: ${["history", "condense", "sync", "lexical", "dense", "texts", "rerank", "pack"].map(phaseLine).join(", ")}`,
  );
}

/** A summary of a 300-page manual through /api/chat (task "summarize"), the model being the stand-in. */
async function benchSummary(app: { url: string }) {
  console.log("\nSummary of a 300-page PDF by map-reduce (stand-in model answering at once)");
  const pages = Array.from({ length: 300 }, (_, n) =>
    Array.from(
      { length: 10 },
      (_, line) =>
        `Valve ${n + 1} step ${line + 1}: turn the screw a quarter turn, wait for the gauge to settle, then note the reading.`,
    ).join("\n"),
  );
  const { makeTextPdf } = await import("../../e2e/support/make-pdf");
  const { document } = await ingest(
    app.url,
    "valves-300.pdf",
    new Uint8Array(await makeTextPdf(pages)),
    "application/pdf",
  );
  const documentId = document.id;
  for (const label of ["first (map and reduce)", "again (notes cached: reduce only)"]) {
    const started = performance.now();
    const response = await fetch(`${app.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: `bench-summary-${label.length}-${Date.now()}`,
        message: {
          id: `s${Date.now()}`,
          role: "user",
          parts: [{ type: "text", text: "Summarise this manual" }],
        },
        task: "summarize",
        documentIds: [documentId],
      }),
    });
    const body = await response.text();
    const seconds = (performance.now() - started) / 1000;
    const reading =
      /"reading":(\{[^}]*\})/.exec(body.slice(body.lastIndexOf('"type":"finish"')))?.[1] ?? "{}";
    console.log(`  ${label.padEnd(36)} ${seconds.toFixed(2)} s  ${reading}`);
  }
}

/** OCR seconds a page, tesseract.js beside Debian's tesseract, every core in use (scripts/bench/ocr.ts). */
function benchOcr() {
  const run = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/bench/ocr.ts"], { cwd: root });
  if (run.status !== 0) {
    console.log(`\nOCR: the bench failed\n${run.stderr.toString()}`);
    return;
  }
  const figures = JSON.parse(run.stdout.toString().trim().split("\n").at(-1) as string);
  console.log(
    `\nOCR (${figures.pages} pages at ${figures.pixels} px, one worker per core on ${figures.cores} cores)`,
  );
  console.log(
    `  tesseract.js (the app)        ${figures.tesseractJs.secondsPerPagePerCore} s a page per core (start ${figures.tesseractJs.initSecondsPerWorker} s a worker)`,
  );
  if (figures.ratio === null) console.log(`  native tesseract              ${figures.native.skipped}`);
  else
    console.log(
      `  native tesseract 5 (Debian)   ${figures.native.secondsPerPagePerCore} s a page per core → tesseract.js = ${figures.ratio}×`,
    );
}

if (!args.includes("--skip-ocr")) benchOcr();
if (!args.includes("--skip-highlight")) await benchHighlight();

const model = await startOpenAICompatibleServer();
// One Chroma server for the app and the peer, so both write to the same store.
const chroma = await startChroma({ dataPath: mkdtempSync(path.join(tmpdir(), "bench-chroma-")) });
const app = await startAppInstance({
  CHROMA_URL: chroma.url,
  EMBEDDING_PROVIDER: "offline",
  MAX_UPLOAD_MB: "200",
  CHAT_PROVIDER: "openai-compatible",
  CHAT_BASE_URL: `${model.url}/v1`,
  CHAT_API_KEY: TEST_TOKEN,
  CHAT_MODEL: "bench-dbrx",
  // Far above what the bench sends, so that every request is counted (the check is part of the
  // overhead) and none is refused.
  RATE_LIMIT_CHAT_PER_MINUTE: "100000",
  RATE_LIMIT_UPLOADS_PER_MINUTE: "100000",
  RATE_LIMIT_SEARCH_PER_MINUTE: "100000",
});
try {
  if (!args.includes("--skip-bundle")) await benchBundle(app.url);
  if (!args.includes("--skip-ingest")) await benchIngestion(app, chroma.url);
  if (!args.includes("--skip-chat")) await benchFirstToken(app, model.url);
  if (!args.includes("--skip-summary")) await benchSummary(app);
  if (!args.includes("--skip-retrieve"))
    await benchRetrieval({ url: app.url, rootPid: app.process.pid as number }, chroma.url, maxChunks);
} finally {
  await app.stop();
  await chroma.stop();
  await model.close();
}
