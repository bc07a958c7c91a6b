// The retrieval part of `npm run bench`: the app indexes synthetic documents built from real manual
// sentences through its HTTP API until it holds 10,000 and then 100,000 chunks. At each size it
// prints POST /api/retrieve's latency (offline, without and with rerank) beside the Chroma requests
// the app makes, made directly with the client in the same run; whether a word found in one chunk
// alone comes first; and recall@10 of Chroma's approximate HNSW index against exact search.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ChromaClient, type Collection } from "chromadb";
import { PDFParse } from "pdf-parse";
import { exactNearest } from "@/lib/rag/exact-search";
import type { RetrieveResponseJson } from "@/lib/rag/types";
import { parseServerTiming } from "@/lib/timings";
import { allQuestions } from "../eval/suite";
import { ingest, nextServerPid, percentile, residentMb, untilQuiet } from "./common";

const root = path.resolve(import.meta.dirname, "../..");
/** Sizes measured, in chunks. */
const SIZES = [10_000, 100_000];
/** Every this many synthetic documents, one holds a made-up word in one of its paragraphs. */
const NEEDLE_EVERY = 3;
/** Vectors used as queries for the recall of the approximate index. */
const RECALL_QUERIES = 20;

/** Real sentences from the manuals, to build synthetic documents with a realistic vocabulary. */
export async function sentencePool(): Promise<string[]> {
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

/** A made-up word that no manual holds, for document `seed`. */
const needleOf = (seed: number) => `zq${seed}xneedle`;

export function syntheticDocument(pool: string[], seed: number, targetChars: number): string {
  let state = seed * 2654435761;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 1) >>> 0;
    return state;
  };
  const paragraphs: string[] = [`# Synthetic document ${seed}`];
  let length = 0;
  while (length < targetChars) {
    const sentences = Array.from({ length: 3 + (next() % 5) }, () => pool[next() % pool.length]);
    paragraphs.push(sentences.join(" "));
    length += paragraphs[paragraphs.length - 1].length;
  }
  if (seed % NEEDLE_EVERY === 0) {
    const at = 1 + (next() % (paragraphs.length - 1));
    paragraphs[at] = `${paragraphs[at]} The ${needleOf(seed)} setting is described here.`;
  }
  return paragraphs.join("\n\n");
}

async function search(
  url: string,
  body: object,
): Promise<{ ms: number; response: RetrieveResponseJson; phases: Map<string, number> }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/retrieve`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`retrieve failed: ${response.status} ${await response.text()}`);
  const json = (await response.json()) as RetrieveResponseJson;
  return {
    ms: performance.now() - started,
    response: json,
    phases: parseServerTiming(response.headers.get("server-timing")),
  };
}

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
};

const figures = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;

async function measureAt(
  app: { url: string; pid: number },
  collection: Collection,
  queries: string[],
  needles: string[],
  exactQueries: number,
) {
  // Warm-up: the first search after indexing loads the new segments.
  const first = await search(app.url, { query: queries[0], k: 5, rerank: false });
  for (const query of queries.slice(1, 20)) await search(app.url, { query, k: 5, rerank: false });
  await untilQuiet();

  const plain: number[] = [];
  const phases = new Map<string, number[]>();
  const ownGets: number[] = [];
  const reranked: number[] = [];
  for (const query of queries) {
    const { ms, response, phases: timing } = await search(app.url, { query, k: 5, rerank: false });
    plain.push(ms);
    for (const [phase, duration] of timing) {
      if (!phases.has(phase)) phases.set(phase, []);
      phases.get(phase)?.push(duration);
    }
    // The Chroma request the app made for this search (offline: the lexical hits' texts), made directly.
    const ids = response.results.map((result) => `${result.documentId}:${result.chunkIndex}`);
    if (ids.length > 0)
      ownGets.push((await timed(() => collection.get({ ids, include: ["documents", "metadatas"] }))).ms);
    reranked.push((await search(app.url, { query, k: 5 })).ms);
  }

  // Chroma's own nearest-neighbour query at k = 5, with stored vectors as the queries.
  const sample = await collection.get({
    include: ["embeddings", "metadatas"],
    limit: RECALL_QUERIES,
    offset: 7,
  });
  const vectors = sample.embeddings as number[][];
  const chromaQueries: number[] = [];
  for (let round = 0; round < Math.ceil(queries.length / vectors.length); round++)
    for (const vector of vectors)
      chromaQueries.push(
        (await timed(() => collection.query({ queryEmbeddings: [vector], nResults: 5 }))).ms,
      );

  // Recall@10 of the approximate index against brute force, on the same query vectors.
  let overlap = 0;
  const approximate: number[] = [];
  const exact: number[] = [];
  for (const [n, vector] of vectors.entries()) {
    if (n >= exactQueries) break;
    const hnsw = await timed(() => collection.query({ queryEmbeddings: [vector], nResults: 10 }));
    approximate.push(hnsw.ms);
    const truth = await timed(() =>
      exactNearest(collection, { embedding: vector, topK: 10, documentIds: null, space: "ip" }),
    );
    exact.push(truth.ms);
    const found = new Set(hnsw.result.ids[0]);
    overlap += truth.result.filter((hit) => found.has(hit.id)).length / 10;
  }

  // A search scoped to one document: Chroma's filtered HNSW query against brute force over its vectors.
  const [scopeDocument] = sample.metadatas.map((metadata) => String(metadata?.documentId));
  const scopeChunks = (await collection.get({ where: { documentId: scopeDocument }, include: [] })).ids
    .length;
  const scopedApproximate: number[] = [];
  const scopedExact: number[] = [];
  for (const vector of vectors.slice(0, 5)) {
    scopedApproximate.push(
      (
        await timed(() =>
          collection.query({ queryEmbeddings: [vector], nResults: 10, where: { documentId: scopeDocument } }),
        )
      ).ms,
    );
    scopedExact.push(
      (
        await timed(() =>
          exactNearest(collection, {
            embedding: vector,
            topK: 10,
            documentIds: [scopeDocument],
            space: "ip",
          }),
        )
      ).ms,
    );
  }

  let foundFirst = 0;
  for (const needle of needles) {
    const { response } = await search(app.url, { query: needle, k: 5, rerank: false });
    if (response.results[0]?.text.includes(needle)) foundFirst++;
  }
  return {
    scopeChunks,
    scopedApproximate,
    scopedExact,
    first: first.ms,
    plain,
    phases,
    ownGets,
    reranked,
    chromaQueries,
    approximate,
    exact,
    recall: overlap / exact.length,
    foundFirst,
    memoryMb: residentMb(app.pid),
  };
}

export async function benchRetrieval(
  app: { url: string; rootPid: number },
  chromaUrl: string,
  maxChunks: number,
) {
  console.log("\nRetrieval (offline embedder, k = 5, sequential requests from one client)");
  const pool = await sentencePool();
  const questions = allQuestions();
  const queries = Array.from({ length: 200 }, (_, n) =>
    n < questions.length ? questions[n] : pool[(n * 7919) % pool.length].slice(0, 80),
  );
  const url = new URL(chromaUrl);
  const client = new ChromaClient({ host: url.hostname, port: Number(url.port), ssl: false });
  const needles: string[] = [];
  let stored = 0;
  let seed = 1;
  let ingestSeconds = 0;
  for (const target of SIZES.filter((value) => value <= maxChunks)) {
    while (stored < target) {
      const text = syntheticDocument(pool, seed, 2_000_000);
      if (seed % NEEDLE_EVERY === 0) needles.push(needleOf(seed));
      seed++;
      const { seconds, document } = await ingest(
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
    const collection = await client.getCollection({ name: "documents" });
    // Brute force reads every vector from Chroma (seconds at the larger size): fewer queries there.
    const exactQueries = stored > 20_000 ? 5 : RECALL_QUERIES;
    const at = await measureAt(
      { url: app.url, pid: nextServerPid(app.rootPid) },
      collection,
      queries,
      needles,
      exactQueries,
    );
    const ratio = percentile(at.plain, 95) / percentile(at.ownGets, 95);
    const toQuery = percentile(at.plain, 95) / percentile(at.chromaQueries, 95);
    console.log(`  ${stored} chunks (${seed - 1} documents):`);
    console.log(
      `    /api/retrieve, no rerank           ${figures(at.plain)}  (first search after indexing ${at.first.toFixed(0)} ms)`,
    );
    for (const [phase, values] of at.phases)
      console.log(`      server-side ${phase.padEnd(22)} ${figures(values)}`);
    console.log(`    /api/retrieve, lexical rerank      ${figures(at.reranked)}`);
    console.log(
      `    Chroma get of the same ids         ${figures(at.ownGets)}  → app p95 = ${ratio.toFixed(2)}× (the app's one Chroma request)`,
    );
    console.log(
      `    Chroma nearest-neighbour query     ${figures(at.chromaQueries)}  → app p95 = ${toQuery.toFixed(2)}× (k = 5, HNSW)`,
    );
    console.log(`    a word in one chunk alone first    ${at.foundFirst}/${needles.length}`);
    console.log(
      `    HNSW recall@10 vs exact            ${at.recall.toFixed(3)} (${at.exact.length} queries); approximate ${figures(at.approximate)}, exact ${figures(at.exact)}`,
    );
    const perThousand = (percentile(at.scopedExact, 50) / at.scopeChunks) * 1000;
    console.log(
      `    one document (${at.scopeChunks} chunks): HNSW ${figures(at.scopedApproximate)}, exact ${figures(at.scopedExact)}` +
        ` (${perThousand.toFixed(0)} ms per 1,000 vectors: exact costs less below about ${Math.round((percentile(at.scopedApproximate, 50) / perThousand) * 1000)} chunks)`,
    );
    console.log(`    next-server resident memory        ${Math.round(at.memoryMb)} MB`);
  }
}
