// `npm run eval:tables`: questions about rows of large tables, asked of the chunks the app makes of
// them before tables were kept as tables (DOCX as mammoth's raw text, a PDF table's rows as PDFium's
// lines) and now (Markdown tables, rows whole, the header repeated in every chunk). A passage answers
// when it holds the row's key, the value asked for and that value's column name: without the column
// name, a number in a row is not an answer. Prints recall@1, recall@5 and MRR@10; asserts nothing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { makeDocx } from "../../e2e/support/make-docx";
import { makeTablePdf } from "../../e2e/support/make-pdf";
import { Chunker } from "../../lib/ingest/chunk";
import { extractDocx } from "../../lib/ingest/extract/docx";
import { extractPdf } from "../../lib/ingest/extract/pdf";
import { bm25Index } from "./bm25";

const ROWS = 240;
const QUESTIONS = 60;
const header = ["Valve", "Torque (N·m)", "Service interval", "Location"];
const rows = Array.from({ length: ROWS }, (_, n) => [
  `V-${1000 + n}`,
  String(20 + ((n * 37) % 180)),
  `${(n % 24) + 1} months`,
  `Deck ${(n % 7) + 1}, frame ${100 + ((n * 13) % 90)}`,
]);
// Longer rows, so that one page's table runs over two chunks as the DOCX table runs over ten.
const pdfRows = rows
  .slice(0, 30)
  .map(([valve, torque, interval, location]) => [
    valve,
    torque,
    interval,
    `${location}, starboard, by pump ${valve.slice(2)}`,
  ]);

type Question = { question: string; needs: string[] };

function questionsFor(table: string[][], count: number): Question[] {
  return Array.from({ length: count }, (_, q) => {
    const row = table[(q * 7919) % table.length];
    return q % 2 === 0
      ? { question: `What torque does valve ${row[0]} take?`, needs: [row[0], `| ${row[1]} |`, "Torque"] }
      : { question: `How often is valve ${row[0]} serviced?`, needs: [row[0], row[2], "Service interval"] };
  });
}

/** Whether a passage answers: a Markdown cell `| 91 |` also counts as the bare value in flat text. */
function answers(text: string, needs: string[]): boolean {
  return needs.every((need) => {
    const bare = need.replace(/^\| (.*) \|$/, "$1");
    return need === bare
      ? text.includes(need)
      : text.includes(need) || new RegExp(`\\b${bare}\\b`).test(text);
  });
}

function chunksOf(text: string): string[] {
  const chunker = new Chunker({ chunkTokens: 512, overlapTokens: 64 });
  return [...chunker.push(text, null), ...chunker.flush()].map((chunk) => chunk.text);
}

function evaluate(chunks: string[], questions: Question[]) {
  const search = bm25Index(chunks);
  let atOne = 0;
  let atFive = 0;
  let reciprocal = 0;
  for (const { question, needs } of questions) {
    const ranked = search(question, 10);
    const first = ranked.findIndex((n) => answers(chunks[n], needs));
    if (first === 0) atOne++;
    if (first >= 0 && first < 5) atFive++;
    if (first >= 0) reciprocal += 1 / (first + 1);
  }
  const share = (value: number) => (value / questions.length).toFixed(2);
  return `R@1 ${share(atOne)}  R@5 ${share(atFive)}  MRR ${share(reciprocal)}  (${chunks.length} chunks)`;
}

const work = mkdtempSync(path.join(tmpdir(), "eval-tables-"));
try {
  const docx = path.join(work, "valves.docx");
  writeFileSync(docx, makeDocx(["Valve maintenance schedule.", { table: [header, ...rows] }]));
  const docxQuestions = questionsFor(rows, QUESTIONS);
  const before = (await mammoth.extractRawText({ path: docx })).value;
  let after = "";
  for await (const batch of (await extractDocx(docx, { maxUnzippedBytes: 1 << 30 })).pages)
    after += batch.map((page) => page.text).join("\n");
  console.log(
    `Table questions: ${QUESTIONS} about a ${ROWS}-row DOCX table, ${QUESTIONS / 2} about a 30-row ruled PDF table`,
  );
  console.log(`  DOCX before (mammoth raw text)     ${evaluate(chunksOf(before), docxQuestions)}`);
  console.log(`  DOCX now (Markdown table)          ${evaluate(chunksOf(after), docxQuestions)}`);

  const pdf = path.join(work, "valves.pdf");
  writeFileSync(
    pdf,
    await makeTablePdf({ title: "Valves", rows: [header, ...pdfRows], after: "End of schedule." }),
  );
  const pdfQuestions = questionsFor(pdfRows, QUESTIONS / 2);
  let pdfText = "";
  for await (const batch of (await extractPdf(pdf)).pages)
    pdfText += batch.map((page) => page.text).join("\n");
  // Before: the same page as PDFium lays it out, each row's cells on one line.
  const flat = pdfText
    .replace(/^\| --- .*\n/m, "")
    .replace(/^\| (.*) \|$/gm, (_, cells: string) => cells.split(" | ").join(" "));
  console.log(`  PDF before (PDFium's lines)        ${evaluate(chunksOf(flat), pdfQuestions)}`);
  console.log(`  PDF now (Markdown table)           ${evaluate(chunksOf(pdfText), pdfQuestions)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
