// `npm run eval`: retrieval quality of the offline embedder on a real manual, through the real
// pipeline (extraction, token-aware chunking, Chroma), against plain BM25 over 1,000-character chunks.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import { startChroma } from "../chroma.mjs";
import { bm25Index, fixedCharacterChunks } from "./bm25";
import { score } from "./metrics";

type Questions = { document: string; questions: { question: string; evidence: string; page: number }[] };

const root = path.resolve(import.meta.dirname, "../..");
const suite: Questions = JSON.parse(readFileSync(path.join(root, "scripts/eval/questions.json"), "utf8"));
const pdfPath = path.join(root, "e2e/fixtures", suite.document);
const data = new Uint8Array(readFileSync(pdfPath));

const work = mkdtempSync(path.join(tmpdir(), "eval-"));
const chroma = await startChroma({ dataPath: path.join(work, "chroma") });
process.env.CHROMA_URL = chroma.url;
process.env.DATA_DIR = path.join(work, "data");
process.env.EMBEDDING_PROVIDER = "offline";

try {
  const { ingestFile } = await import("@/lib/ingest/ingest-file");
  const { retrieve } = await import("@/lib/rag/retrieve");
  const { getEmbedder } = await import("@/lib/ai/embeddings");
  const { chunkCollection, documentChunkTexts } = await import("@/lib/rag/chroma");
  const documentTexts = async (id: string) => documentChunkTexts(await chunkCollection(getEmbedder()), id);
  const { document } = await ingestFile(new File([data], suite.document, { type: "application/pdf" }));

  const ours = [];
  for (const { question, evidence } of suite.questions) {
    const results = await retrieve({ query: question, topK: 10 });
    ours.push({ retrieved: results.map((result) => result.text), evidence });
  }

  const parser = new PDFParse({ data: new Uint8Array(data) });
  const { pages } = await parser.getText();
  await parser.destroy();
  const fixed = fixedCharacterChunks(pages.map((page) => page.text).join("\n"), 1000);
  const searchFixed = bm25Index(fixed);
  const baseline = suite.questions.map(({ question, evidence }) => ({
    retrieved: searchFixed(question, 10).map((n) => fixed[n]),
    evidence,
  }));

  // The same token-aware chunks ranked by plain BM25: separates the chunking's share from the ranking's.
  const ourChunks = await documentTexts(document.id);
  const searchOurs = bm25Index(ourChunks);
  const sameChunks = suite.questions.map(({ question, evidence }) => ({
    retrieved: searchOurs(question, 10).map((n) => ourChunks[n]),
    evidence,
  }));

  const format = (label: string, result: { recallAt5: number; mrr: number }, detail: string) =>
    `${label.padEnd(44)} recall@5 ${result.recallAt5.toFixed(3)}   MRR ${result.mrr.toFixed(3)}   ${detail}`;
  console.log(`${suite.questions.length} questions over ${suite.document} (${document.pages} pages)\n`);
  console.log(
    format("offline embedder, token-aware chunks, Chroma", score(ours), `${document.chunks} chunks`),
  );
  console.log(format("plain BM25, fixed 1,000-character chunks", score(baseline), `${fixed.length} chunks`));
  console.log(
    format("plain BM25, the same token-aware chunks", score(sameChunks), `${ourChunks.length} chunks`),
  );
} finally {
  await chroma.stop();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
