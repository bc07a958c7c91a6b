// `npm run bench`: ingestion throughput and peak memory through the HTTP API, and /api/retrieve
// latency at 10,000 and 100,000 stored chunks, on a production build with the offline embedder.
// and the chat route's overhead before the first token. Prints figures; asserts nothing.
// Options: --skip-ingest, --skip-chat, --skip-retrieve, --max-chunks N.
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import { startOpenAICompatibleServer, TEST_TOKEN } from "../../e2e/support/openai-compatible-server";
import { startAppInstance } from "../app-instance";

const root = path.resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const maxChunks = args.includes("--max-chunks") ? Number(args[args.indexOf("--max-chunks") + 1]) : 100_000;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (values: number[]) => percentile(values, 50);

/** Peak resident memory (VmHWM) of a process and all its descendants, in MB, by command. */
function peakMemory(rootPid: number): { command: string; peakMb: number }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const tree = [rootPid];
  for (let n = 0; n < tree.length; n++)
    for (const [pid, parent] of parents) if (parent === tree[n]) tree.push(pid);
  return tree.flatMap((pid) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const peak = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const label = command.some((part) => part.includes("chromadb"))
        ? "chroma server"
        : command.some((part) => part.includes("next"))
          ? "next server"
          : path.basename(command[0] ?? "?");
      return peak > 0 ? [{ command: label, peakMb: Math.round(peak) }] : [];
    } catch {
      return [];
    }
  });
}

async function upload(url: string, name: string, data: Uint8Array<ArrayBuffer>, type: string) {
  const form = new FormData();
  form.append("file", new File([data], name, { type }));
  const started = performance.now();
  const response = await fetch(`${url}/api/documents`, { method: "POST", body: form });
  const body = await response.json();
  if (!response.ok) throw new Error(`upload of ${name} failed: ${response.status} ${JSON.stringify(body)}`);
  return { seconds: (performance.now() - started) / 1000, document: body.documents[0] };
}

async function benchIngestion(app: { url: string; process: ChildProcess }) {
  console.log("Ingestion through POST /api/documents (offline embedder, 3 runs each, median)");
  for (const name of ["flex-manual.pdf", "autoconf-manual.pdf"]) {
    const data = new Uint8Array(readFileSync(path.join(root, "e2e/fixtures", name)));
    const runs: number[] = [];
    let pages = 0;
    let chunks = 0;
    for (let run = 0; run < 3; run++) {
      const { seconds, document } = await upload(app.url, name, data, "application/pdf");
      runs.push(seconds);
      pages = document.pages;
      chunks = document.chunks;
      await fetch(`${app.url}/api/documents/${document.id}`, { method: "DELETE" });
    }
    const seconds = median(runs);
    console.log(
      `  ${name.padEnd(22)} ${String(pages).padStart(4)} pages, ${String(chunks).padStart(4)} chunks: ` +
        `${seconds.toFixed(2)} s  →  ${(pages / seconds).toFixed(0)} pages/s (runs: ${runs.map((run) => run.toFixed(2)).join(", ")} s)`,
    );
  }
  for (const { command, peakMb } of peakMemory(app.process.pid as number)) {
    if (command === "next server" || command === "chroma server")
      console.log(`  peak memory (VmHWM) ${command}: ${peakMb} MB`);
  }
}

/** Real sentences from both manuals, to build synthetic documents with a realistic vocabulary. */
async function sentencePool(): Promise<string[]> {
  const sentences: string[] = [];
  for (const name of ["flex-manual.pdf", "autoconf-manual.pdf"]) {
    const parser = new PDFParse({
      data: new Uint8Array(readFileSync(path.join(root, "e2e/fixtures", name))),
    });
    const { pages } = await parser.getText();
    await parser.destroy();
    for (const page of pages)
      sentences.push(
        ...page.text
          .replace(/\s+/g, " ")
          .split(/(?<=[.!?])\s+/)
          .filter((s) => s.length > 30),
      );
  }
  return sentences;
}

function syntheticDocument(pool: string[], seed: number, targetChars: number): string {
  let state = seed * 2654435761;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 1) >>> 0;
    return state;
  };
  const paragraphs: string[] = [`# Synthetic document ${seed}`];
  let length = 0;
  while (length < targetChars) {
    const sentences = Array.from({ length: 3 + (next() % 5) }, () => pool[next() % pool.length]);
    const paragraph = sentences.join(" ");
    paragraphs.push(paragraph);
    length += paragraph.length;
  }
  return paragraphs.join("\n\n");
}

async function measureRetrieval(url: string, queries: string[]) {
  for (const query of queries.slice(0, 20))
    await fetch(`${url}/api/retrieve`, { method: "POST", body: JSON.stringify({ query }) });
  const latencies: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    const response = await fetch(`${url}/api/retrieve`, {
      method: "POST",
      body: JSON.stringify({ query, k: 5 }),
    });
    await response.json();
    latencies.push(performance.now() - started);
  }
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), count: latencies.length };
}

async function benchRetrieval(app: { url: string }) {
  console.log("\nPOST /api/retrieve latency (k = 5, sequential requests from one client)");
  const pool = await sentencePool();
  const questions = JSON.parse(
    readFileSync(path.join(root, "scripts/eval/questions.json"), "utf8"),
  ).questions.map((item: { question: string }) => item.question);
  const queries = Array.from({ length: 300 }, (_, n) =>
    n < questions.length ? questions[n] : pool[(n * 7919) % pool.length].slice(0, 80),
  );
  let stored = 0;
  let seed = 1;
  let ingestSeconds = 0;
  for (const target of [10_000, 100_000].filter((value) => value <= maxChunks)) {
    while (stored < target) {
      const text = syntheticDocument(pool, seed++, 2_000_000);
      const { seconds, document } = await upload(
        app.url,
        `synthetic-${seed}.md`,
        new Uint8Array(Buffer.from(text)),
        "text/markdown",
      );
      ingestSeconds += seconds;
      stored += document.chunks;
      process.stderr.write(
        `\r  stored ${stored} chunks (${(stored / ingestSeconds).toFixed(0)} chunks/s)   `,
      );
    }
    process.stderr.write("\n");
    const { p50, p95, count } = await measureRetrieval(app.url, queries);
    console.log(
      `  ${String(stored).padStart(7)} chunks: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${count} queries)`,
    );
  }
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
  await upload(app.url, "flex-manual.pdf", data, "application/pdf");
  const questions = JSON.parse(
    readFileSync(path.join(root, "scripts/eval/questions.json"), "utf8"),
  ).questions.map((item: { question: string }) => item.question);
  const appTimes: number[] = [];
  const modelTimes: number[] = [];
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
          messages: [{ id: `m${n}`, role: "user", parts: [{ type: "text", text: question }] }],
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
    }
  }
  const overhead = appTimes.map((time, n) => time - modelTimes[n]);
  const line = (label: string, values: number[]) =>
    `  ${label.padEnd(44)} p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;
  console.log(line("request → first token through /api/chat", appTimes));
  console.log(line("model's own time to first token", modelTimes));
  console.log(line("app overhead (difference, per request)", overhead));
}

const model = await startOpenAICompatibleServer();
const app = await startAppInstance({
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
  if (!args.includes("--skip-ingest")) await benchIngestion(app);
  if (!args.includes("--skip-chat")) await benchFirstToken(app, model.url);
  if (!args.includes("--skip-retrieve")) await benchRetrieval(app);
} finally {
  await app.stop();
  await model.close();
}
