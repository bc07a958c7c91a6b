// What restricting a search to what one person may read costs inside Chroma's query, at 100,000
// chunks over 50 collections (issue 13): the same vector queries unfiltered, filtered by the
// readable collections (a `collectionId` metadata field), and by the readable documents' ids (the
// scope filter the app applies today), beside one Chroma collection per app collection, the readable
// ones queried together and their results merged. Run: npx tsx --conditions=react-server scripts/bench/permission-filter.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ChromaClient, type Where } from "chromadb";
import { seededRandom } from "@/lib/test/random";
import { startChroma } from "../chroma.mjs";
import { percentile } from "./common";

const CHUNKS = 100_000;
const COLLECTIONS = 50;
const DOCUMENTS = 2_000;
const DIMENSION = 384;
const QUERIES = 50;
const TOP_K = 40;

function vector(next: () => number): number[] {
  const values = Array.from({ length: DIMENSION }, () => next() - 0.5);
  const norm = Math.hypot(...values);
  return values.map((value) => value / norm);
}

const dataPath = mkdtempSync(path.join(tmpdir(), "permission-bench-"));
const chroma = await startChroma({ dataPath });
try {
  const url = new URL(chroma.url);
  const client = new ChromaClient({ host: url.hostname, port: Number(url.port), ssl: false });
  const collection = await client.createCollection({
    name: "permission-bench",
    embeddingFunction: null,
    configuration: { hnsw: { space: "cosine" } },
  });
  const perCollection = await Promise.all(
    Array.from({ length: COLLECTIONS }, (_, n) =>
      client.createCollection({
        name: `permission-bench-${n}`,
        embeddingFunction: null,
        configuration: { hnsw: { space: "cosine" } },
      }),
    ),
  );
  const next = seededRandom(42);
  const started = performance.now();
  for (let from = 0; from < CHUNKS; from += 5_000) {
    const ids = Array.from({ length: 5_000 }, (_, n) => `chunk-${from + n}`);
    const documentOf = (n: number) => (from + n) % DOCUMENTS;
    const embeddings = ids.map(() => vector(next));
    const metadatas = ids.map((_, n) => ({
      documentId: `doc-${documentOf(n)}`,
      collectionId: `collection-${documentOf(n) % COLLECTIONS}`,
    }));
    await collection.add({ ids, embeddings, metadatas });
    for (const [c, target] of perCollection.entries()) {
      const mine = ids.map((_, n) => n).filter((n) => documentOf(n) % COLLECTIONS === c);
      await target.add({
        ids: mine.map((n) => ids[n]),
        embeddings: mine.map((n) => embeddings[n]),
        metadatas: mine.map((n) => metadatas[n]),
      });
    }
  }
  console.log(
    `${CHUNKS} chunks in ${COLLECTIONS} collections (${DOCUMENTS} documents) stored in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // A member who reads their own collection and 9 shared ones: a fifth of everything.
  const readable = Array.from({ length: 10 }, (_, n) => `collection-${n * 5}`);
  const readableDocuments = Array.from({ length: DOCUMENTS }, (_, n) => n)
    .filter((n) => readable.includes(`collection-${n % COLLECTIONS}`))
    .map((n) => `doc-${n}`);
  const filters: [string, Where | undefined][] = [
    ["no filter (everything)", undefined],
    [`collectionId $in ${readable.length} collections`, { collectionId: { $in: readable } }],
    [`documentId $in ${readableDocuments.length} documents`, { documentId: { $in: readableDocuments } }],
  ];
  const queries = Array.from({ length: QUERIES }, () => vector(next));
  for (const [label, where] of filters) {
    const times: number[] = [];
    // The first five warm the query path up.
    for (const [n, embedding] of [...queries.slice(0, 5), ...queries].entries()) {
      const before = performance.now();
      const result = await collection.query({
        queryEmbeddings: [embedding],
        nResults: TOP_K,
        where,
        include: [],
      });
      if (n >= 5) times.push(performance.now() - before);
      if (result.ids[0].length !== TOP_K) throw new Error(`${label}: ${result.ids[0].length} results`);
    }
    console.log(
      `  ${label.padEnd(40)} p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
    );
  }
  const readableCollections = readable.map((name) => perCollection[Number(name.split("-")[1])]);
  const times: number[] = [];
  for (const [n, embedding] of [...queries.slice(0, 5), ...queries].entries()) {
    const before = performance.now();
    const results = await Promise.all(
      readableCollections.map((target) =>
        target.query({ queryEmbeddings: [embedding], nResults: TOP_K, include: ["distances"] }),
      ),
    );
    const merged = results
      .flatMap((result) => result.ids[0].map((id, i) => ({ id, distance: result.distances?.[0][i] ?? 1 })))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, TOP_K);
    if (n >= 5) times.push(performance.now() - before);
    if (merged.length !== TOP_K) throw new Error(`per collection: ${merged.length} results`);
  }
  console.log(
    `  ${`${readable.length} collections of their own, merged`.padEnd(40)} p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
  );
} finally {
  await chroma.stop();
  rmSync(dataPath, { recursive: true, force: true });
}
