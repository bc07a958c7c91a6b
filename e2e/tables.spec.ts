import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { retrieveFrom } from "./support/api";
import { fixture } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { makeDocx } from "./support/make-docx";

// Tables stay tables from the file to the answer: DOCX, CSV and HTML become Markdown tables, their
// rows whole, the header above every chunk a table continues into.
test.describe.configure({ mode: "serial" });

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

test("a DOCX table, a CSV and an HTML page are searchable, each row with its header", async ({ request }) => {
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
  ]);
  expect(status).toBe(202);
  expect(body.documents?.map((document) => [document.name, document.kind, document.status])).toEqual([
    ["valves.docx", "docx", "ready"],
    ["speex-modes.csv", "csv", "ready"],
    ["libxslt-variables.html", "html", "ready"],
  ]);

  // A row deep in the DOCX table comes back whole, under the table's header.
  const valve = (await retrieveFrom(request, { query: "V-171 torque", k: 1 })).body.results?.[0];
  expect(valve?.documentName).toBe("valves.docx");
  expect(valve?.text).toMatch(
    /\| Valve \| Torque \(N·m\) \| Interval \|\n\| --- \| --- \| --- \|\n(\|.*\|\n)*\| V-171 \| 91 \| 12 months \|/,
  );

  const mode = (await retrieveFrom(request, { query: "comfort noise vocoder bit-rate", k: 1 })).body
    .results?.[0];
  expect(mode?.documentName).toBe("speex-modes.csv");
  expect(mode?.text).toContain("| 1 | 0 | 2,150 | 6 | Vocoder (mostly for comfort noise) |");

  const page = (await retrieveFrom(request, { query: "xsltEvalGlobalVariables", k: 1 })).body.results?.[0];
  expect(page?.documentName).toBe("libxslt-variables.html");
  expect(page?.text).not.toMatch(/<\w+|\]\(/);
});

test("the chat shows a quoted table as a table", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("What bit-rate does the vocoder mode for comfort noise use?");
  await chat.answer();
  const citation = chat.lastAnswer().getByTestId("citation").filter({ hasText: "speex-modes.csv" }).first();
  await expect(citation).toBeVisible();
  await citation.click();
  const panel = page.getByTestId("citation-panel");
  // The passage is rendered as Markdown: its rows are table rows, its cells cells.
  await expect(panel.locator("table")).toBeVisible();
  await expect(panel.locator("th").first()).toHaveText("Mode");
  await expect(panel.locator("td", { hasText: "Vocoder (mostly for comfort noise)" })).toBeVisible();
});
