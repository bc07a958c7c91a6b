import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { listDocuments, retrieveFrom } from "./support/api";
import { fixture, pdfFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { makeDocx } from "./support/make-docx";
import { makeTablePdf } from "./support/make-pdf";

// Tables stay tables from the file to the answer: DOCX, CSV and HTML become Markdown tables, their
// rows whole, the header above every chunk a table continues into.
test.describe.configure({ mode: "serial" });

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

test("a DOCX table, a CSV, an HTML page, a workbook and slides are searchable, each table row with its header", async ({
  request,
}) => {
  const rows = [
    ["Valve", "Torque (N·m)", "Interval"],
    ...Array.from({ length: 80 }, (_, n) => [`V-${100 + n}`, `${20 + n}`, `${(n % 12) + 1} months`]),
  ];
  const { status, body } = await uploadIndexed(request, [
    {
      name: "valves.docx",
      mimeType: docxType,
      buffer: makeDocx(["Valve maintenance schedule.", { table: rows }]),
    },
    { name: "speex-modes.csv", mimeType: "text/csv", buffer: fixture("speex-modes.csv") },
    { name: "libxslt-variables.html", mimeType: "text/html", buffer: fixture("libxslt-variables.html") },
    { name: "speex-modes.xlsx", mimeType: "", buffer: fixture("speex-modes.xlsx") },
    { name: "speex-overview.pptx", mimeType: "", buffer: fixture("speex-overview.pptx") },
  ]);
  expect(status).toBe(202);
  expect(body.documents?.map((document) => [document.name, document.kind, document.status])).toEqual([
    ["valves.docx", "docx", "ready"],
    ["speex-modes.csv", "csv", "ready"],
    ["libxslt-variables.html", "html", "ready"],
    ["speex-modes.xlsx", "xlsx", "ready"],
    ["speex-overview.pptx", "pptx", "ready"],
  ]);

  // A row deep in the DOCX table comes back whole, under the table's header.
  const valve = (await retrieveFrom(request, { query: "V-171 torque", k: 1 })).body.results?.[0];
  expect(valve?.documentName).toBe("valves.docx");
  expect(valve?.text).toMatch(
    /\| Valve \| Torque \(N·m\) \| Interval \|\n\| --- \| --- \| --- \|\n(\|.*\|\n)*\| V-171 \| 91 \| 12 months \|/,
  );

  // The same table is in the CSV, the workbook and a slide: each is asked on its own.
  const idOf = (name: string) => body.documents?.find((document) => document.name === name)?.id as string;
  const mode = (
    await retrieveFrom(request, {
      query: "comfort noise vocoder bit-rate",
      k: 1,
      documentIds: [idOf("speex-modes.csv")],
    })
  ).body.results?.[0];
  expect(mode?.documentName).toBe("speex-modes.csv");
  expect(mode?.text).toContain("| 1 | 0 | 2,150 | 6 | Vocoder (mostly for comfort noise) |");

  const sheet = (await retrieveFrom(request, { query: "highest frequency ultra-wideband", k: 1 })).body
    .results?.[0];
  expect(sheet).toMatchObject({ documentName: "speex-modes.xlsx", section: "Sampling rates" });
  expect(sheet?.text).toContain("| ultra-wideband | 32 | 16 |");

  // A slide's speaker notes are searchable, cited by the slide's number.
  const slide = (await retrieveFrom(request, { query: "patent-free open-source codec notes", k: 1 })).body
    .results?.[0];
  expect(slide).toMatchObject({ documentName: "speex-overview.pptx", page: 1 });

  const page = (await retrieveFrom(request, { query: "xsltEvalGlobalVariables", k: 1 })).body.results?.[0];
  expect(page?.documentName).toBe("libxslt-variables.html");
  expect(page?.text).not.toMatch(/<\w+|\]\(/);
});

test("the chat shows a quoted table as a table", async ({ page, request }) => {
  // Scoped to the CSV: the server holds every other spec's documents too, and this table thrice.
  const csv = (await listDocuments(request)).find((document) => document.name === "speex-modes.csv");
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.scopeTo([csv?.id ?? ""]);
  await chat.ask("What bit-rate does the vocoder mode for comfort noise use?");
  await chat.answer();
  const citation = chat.lastAnswer().getByTestId("citation").filter({ hasText: "speex-modes.csv" }).first();
  await expect(citation).toBeVisible();
  await citation.click();
  const panel = page.getByTestId("document-viewer");
  // The passage (open above the document when it holds a table) is rendered as Markdown: its rows are table rows, its cells cells.
  await expect(panel.locator("table")).toBeVisible();
  await expect(panel.locator("th").first()).toHaveText("Mode");
  await expect(panel.locator("td", { hasText: "Vocoder (mostly for comfort noise)" })).toBeVisible();
});

test("a ruled table in a PDF is indexed as a table, and its citation highlights the rows on the page", async ({
  page,
  request,
}) => {
  const rows = [
    ["Valve", "Torque (N·m)", "Service interval"],
    ...Array.from({ length: 24 }, (_, n) => [`PV-${300 + n}`, String(40 + n * 3), `${(n % 6) + 1} months`]),
  ];
  const { body } = await uploadIndexed(request, [
    pdfFile(
      "pump-valves.pdf",
      await makeTablePdf({ title: "Pump valves", rows, after: "Torque is checked cold." }),
    ),
  ]);
  const id = body.documents?.[0]?.id as string;
  const found = (await retrieveFrom(request, { query: "PV-317 torque", k: 1, documentIds: [id] })).body
    .results?.[0];
  expect(found?.text).toContain("| Valve | Torque (N·m) | Service interval |");
  expect(found?.text).toContain("| PV-317 | 91 | 6 months |");

  const chat = new ChatPage(page);
  await chat.goto();
  await chat.scopeTo([id]);
  await chat.ask("What torque does valve PV-317 take?");
  await chat.answer();
  const viewer = await chat.openCitation(chat.lastAnswer(), 1);
  await expect(viewer.getByTestId("viewer-page")).toHaveText("1");
  await expect(viewer.getByTestId("viewer-highlight").first()).toBeVisible({ timeout: 15_000 });
  await expect(viewer.getByTestId("viewer-not-found")).toHaveCount(0);
});
