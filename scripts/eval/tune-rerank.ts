// `npm run eval:tune`: the grid search that chose the lexical reranker's weights
// (LEXICAL_RERANK_WEIGHTS in lib/rag/rerank/lexical-reranker.ts). The first stage runs once per
// question (lexical index with synonyms, 20 candidates); each weight set then reranks those
// candidates. Chosen on the tune split only; prints the choice's figures on the held-out split.
// Takes about 15 minutes on two cores.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RetrievedChunk } from "@/lib/rag/types";
import { startChroma } from "../chroma.mjs";
import { type Ranking, score } from "./metrics";
import { loadSuites, type Question } from "./suite";

const CANDIDATES = 20;
const GRID = {
  prior: [0.5, 1, 2],
  coverage: [0, 0.5, 1, 2],
  proximity: [0, 0.25, 0.5, 1],
  phrase: [0, 0.25, 0.5],
  heading: [0, 0.25, 0.5, 1],
  navigation: [-0.5, -1, -2],
};
type Weights = { [K in keyof typeof GRID]: number };

const root = path.resolve(import.meta.dirname, "../..");
const suites = loadSuites();
const work = mkdtempSync(path.join(tmpdir(), "tune-"));
const chroma = await startChroma({ dataPath: path.join(work, "chroma") });
process.env.CHROMA_URL = chroma.url;
process.env.DATA_DIR = path.join(work, "data");
process.env.EMBEDDING_PROVIDER = "offline";
process.env.CHAT_PROVIDER = "offline";

try {
  const { ingestFile } = await import("@/lib/ingest/ingest-file");
  const { retrieve } = await import("@/lib/rag/retrieve");
  const { LexicalReranker, LEXICAL_RERANK_WEIGHTS } = await import("@/lib/rag/rerank/lexical-reranker");
  const { lexicalIndex } = await import("@/lib/lexical/synced-index");
  const { queryTerms } = await import("@/lib/rag/query-terms");
  const { chunkHeading } = await import("@/lib/text/contextual-text");

  const documentIds = new Map<string, string>();
  for (const suite of suites) {
    const data = readFileSync(path.join(root, "e2e/fixtures", suite.document));
    const { document } = await ingestFile(new File([data], suite.document, { type: "application/pdf" }));
    documentIds.set(suite.document, document.id);
  }
  const index = lexicalIndex().held();
  const firstStage: {
    question: Question & { document: string };
    chunks: RetrievedChunk[];
    weights: Map<string, number>;
  }[] = [];
  for (const suite of suites) {
    for (const question of suite.questions) {
      const { chunks } = await retrieve({
        query: question.question,
        topK: CANDIDATES,
        methods: ["lexical"],
        expand: true,
        rerank: null,
      });
      const terms = queryTerms(question.question, { expand: true });
      const { chunkCount, frequencies } = index.statistics(terms.map((entry) => entry.term));
      const weights = new Map(
        terms.flatMap(({ term, weight }): [string, number][] => {
          const frequency = frequencies.get(term) ?? 0;
          return frequency
            ? [[term, weight * Math.log(1 + (chunkCount - frequency + 0.5) / (frequency + 0.5))]]
            : [];
        }),
      );
      firstStage.push({ question: { ...question, document: suite.document }, chunks, weights });
    }
  }

  async function evaluate(weights: Weights, split: Question["split"] | null) {
    Object.assign(LEXICAL_RERANK_WEIGHTS, weights);
    const rankings: Ranking[] = [];
    for (const { question, chunks, weights: termWeights } of firstStage) {
      if (split && question.split !== split) continue;
      const { ranking } = await new LexicalReranker({ termWeights }).doRerank({
        query: question.question,
        documents: {
          type: "object",
          values: chunks.map((chunk) => ({
            text: chunk.text,
            heading: chunkHeading(chunk.documentName, chunk.section),
            prior: chunk.score / chunks[0].score,
          })),
        },
      });
      rankings.push({
        retrieved: ranking.map(({ index: n }) =>
          chunks[n].documentId === documentIds.get(question.document) ? chunks[n].text : "",
        ),
        evidence: question.evidence,
      });
    }
    return score(rankings);
  }

  const format = (result: Awaited<ReturnType<typeof evaluate>>) =>
    `R@1 ${result.recallAt1.toFixed(3)}  R@5 ${result.recallAt5.toFixed(3)}  MRR ${result.mrr.toFixed(3)}`;
  const current = { ...LEXICAL_RERANK_WEIGHTS };
  let best = { mrr: -1, weights: current };
  for (const prior of GRID.prior)
    for (const coverage of GRID.coverage)
      for (const proximity of GRID.proximity)
        for (const phrase of GRID.phrase)
          for (const heading of GRID.heading)
            for (const navigation of GRID.navigation) {
              const weights = { prior, coverage, proximity, phrase, heading, navigation };
              const { mrr } = await evaluate(weights, "tune");
              if (mrr > best.mrr) best = { mrr, weights };
            }
  console.log(`current weights ${JSON.stringify(current)}`);
  console.log(
    `  tune ${format(await evaluate(current, "tune"))}   held-out ${format(await evaluate(current, "held-out"))}`,
  );
  console.log(`best on the tune split ${JSON.stringify(best.weights)}`);
  console.log(
    `  tune ${format(await evaluate(best.weights, "tune"))}   held-out ${format(await evaluate(best.weights, "held-out"))}`,
  );
} finally {
  await chroma.stop();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
