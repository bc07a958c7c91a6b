// `npm run eval`: retrieval quality on real third-party manuals (scripts/eval/suite/*.json), through
// the real pipeline (extraction, token-aware contextual chunks, Chroma, the lexical index). Every
// question searches all the documents at once. Prints recall@1, recall@5 and MRR@10 of each method,
// on the questions tuned on, on those held out, and by kind (factual, paraphrased); and plain BM25
// over fixed 1,000-character chunks as the baseline.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import type { RetrieveOptions } from "@/lib/rag/retrieve";
import { startChroma } from "../chroma.mjs";
import { bm25Index, fixedCharacterChunks } from "./bm25";
import { type Ranking, score } from "./metrics";
import { loadSuites, type Question } from "./suite";

const root = path.resolve(import.meta.dirname, "../..");
const suites = loadSuites();
const questions = suites.flatMap((suite) =>
  suite.questions.map((question) => ({ ...question, document: suite.document })),
);

const work = mkdtempSync(path.join(tmpdir(), "eval-"));
const chroma = await startChroma({ dataPath: path.join(work, "chroma") });
process.env.CHROMA_URL = chroma.url;
process.env.DATA_DIR = path.join(work, "data");
process.env.EMBEDDING_PROVIDER = "offline";
process.env.CHAT_PROVIDER = "offline";

/** The methods compared: what each searches with, and whether it reranks. */
const METHODS: { label: string; options: Partial<RetrieveOptions> }[] = [
  { label: "lexical (exact BM25 index)", options: { methods: ["lexical"], expand: false, rerank: null } },
  { label: "lexical + synonyms", options: { methods: ["lexical"], expand: true, rerank: null } },
  { label: "dense stand-in (offline vectors in Chroma)", options: { methods: ["dense"], rerank: null } },
  {
    label: "hybrid (lexical + dense, RRF)",
    options: { methods: ["lexical", "dense"], expand: false, rerank: null },
  },
  {
    label: "hybrid, weighted sum of scores (0.5/0.5)",
    options: { methods: ["lexical", "dense"], expand: false, rerank: null, fusion: "weighted" },
  },
  {
    label: "hybrid + synonyms",
    options: { methods: ["lexical", "dense"], expand: true, rerank: null },
  },
  { label: "lexical + lexical rerank", options: { methods: ["lexical"], expand: false, rerank: "lexical" } },
  {
    label: "lexical + synonyms + lexical rerank (offline default)",
    options: { methods: ["lexical"], expand: true, rerank: "lexical" },
  },
  {
    label: "hybrid + synonyms + lexical rerank",
    options: { methods: ["lexical", "dense"], expand: true, rerank: "lexical" },
  },
];

const format = (label: string, rankings: Ranking[]) => {
  const all = score(rankings);
  const part = (filter: (question: (typeof questions)[number]) => boolean) =>
    score(rankings.filter((_, n) => filter(questions[n])));
  const cell = (result: ReturnType<typeof score>) =>
    `${result.recallAt1.toFixed(2)} ${result.recallAt5.toFixed(2)} ${result.mrr.toFixed(2)}`;
  return [
    label.padEnd(54),
    cell(all),
    cell(part((q) => q.split === "tune")),
    cell(part((q) => q.split === "held-out")),
    cell(part((q) => q.kind === "factual")),
    cell(part((q) => q.kind === "paraphrase")),
  ].join(" │ ");
};

try {
  const { ingestFile } = await import("@/lib/ingest/ingest-file");
  const { retrieve } = await import("@/lib/rag/retrieve");
  const documentIds = new Map<string, string>();
  let chunks = 0;
  for (const suite of suites) {
    const data = readFileSync(path.join(root, "e2e/fixtures", suite.document));
    const { document } = await ingestFile(new File([data], suite.document, { type: "application/pdf" }));
    documentIds.set(suite.document, document.id);
    chunks += document.chunks;
  }
  const count = (filter: (question: Question) => boolean) => questions.filter(filter).length;
  console.log(
    `${questions.length} questions (${count((q) => q.kind === "paraphrase")} paraphrased, ` +
      `${count((q) => q.split === "held-out")} held out) over ${suites.length} documents, ${chunks} chunks; ` +
      "every question searches all documents\n",
  );
  console.log(
    `${"".padEnd(54)} │ all: R@1 R@5 MRR │ tune           │ held-out       │ factual        │ paraphrased`,
  );
  for (const { label, options } of METHODS) {
    const rankings: Ranking[] = [];
    for (const question of questions) {
      const { chunks: results } = await retrieve({ query: question.question, topK: 10, ...options });
      rankings.push({
        retrieved: results.map((result) =>
          result.documentId === documentIds.get(question.document) ? result.text : "",
        ),
        evidence: question.evidence,
      });
    }
    console.log(format(label, rankings));
  }

  // Baseline: plain BM25 (no stemming) over every document cut into fixed 1,000-character chunks.
  const fixed: { document: string; text: string }[] = [];
  for (const suite of suites) {
    const parser = new PDFParse({
      data: new Uint8Array(readFileSync(path.join(root, "e2e/fixtures", suite.document))),
    });
    const { pages } = await parser.getText();
    await parser.destroy();
    for (const text of fixedCharacterChunks(pages.map((page) => page.text).join("\n"), 1000))
      fixed.push({ document: suite.document, text });
  }
  const searchFixed = bm25Index(fixed.map((chunk) => chunk.text));
  console.log(
    format(
      "baseline: plain BM25, fixed 1,000-character chunks",
      questions.map((question) => ({
        retrieved: searchFixed(question.question, 10).map((n) =>
          fixed[n].document === question.document ? fixed[n].text : "",
        ),
        evidence: question.evidence,
      })),
    ),
  );
} finally {
  await chroma.stop();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
