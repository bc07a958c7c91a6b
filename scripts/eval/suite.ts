// The eval's questions (scripts/eval/suite/*.json, one file per document), for the eval and the bench.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type Question = {
  question: string;
  /** A phrase of the passage that answers, as extracted; it occurs once in the document. */
  evidence: string;
  page: number;
  /** "paraphrase": shares at most one content word with the evidence and the sentences around it. */
  kind: "factual" | "paraphrase";
  split: "tune" | "held-out";
};

export type Suite = { document: string; questions: Question[] };

const suiteDir = path.resolve(import.meta.dirname, "suite");

export function loadSuites(): Suite[] {
  return readdirSync(suiteDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(suiteDir, file), "utf8")) as Suite);
}

/** Every question of every document, in file order. */
export function allQuestions(): string[] {
  return loadSuites().flatMap((suite) => suite.questions.map((item) => item.question));
}
