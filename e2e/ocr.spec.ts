import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { DocumentsPage } from "./pages/documents-page";
import { fixture, pdfFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";

// Scanned PDFs read by OCR (tesseract.js with the English data from its npm package, in the
// ingestion worker thread). Each page takes seconds: the timeouts are for that.
test.describe.configure({ mode: "serial", timeout: 180_000 });

test("a scanned PDF dropped on the documents page is read by OCR, marked so, and answers from the image", async ({
  page,
}) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  await documents.recordStates();
  await documents.dropFiles([pdfFile("scanned-speex.pdf", fixture("scanned-speex.pdf"))]);
  await documents.expectStatus("scanned-speex.pdf", "ready", { timeout: 150_000 });
  // Progress named the page OCR was reading.
  expect(await documents.statesSeen("scanned-speex.pdf")).toContainEqual(
    expect.stringMatching(/^indexing\|reading page [23] of 3 \(OCR\)/),
  );
  const row = documents.documentRow("scanned-speex.pdf");
  await expect(row.getByTestId("document-ocr")).toHaveText("OCR · every page");
  await expect(row.getByTestId("document-empty-pages")).toHaveCount(0);

  // The answer is only in the third page's image.
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("What is the Nyquist frequency?");
  expect(await chat.answer()).toMatch(/known as the Nyquist frequency/);
  const citation = chat.lastAnswer().getByTestId("citation").first();
  await expect(citation).toContainText("scanned-speex.pdf");
  // The passage ends on page 3; its chunk may begin at the foot of page 2.
  await expect(citation).toContainText(/· (p\. 3|pp\. 2–3)$/);
  const viewer = await chat.openCitation(chat.lastAnswer(), 1);
  await expect(viewer.getByTestId("citation-text")).toContainText("Nyquist frequency");
  // The scanned page itself, the passage boxed from the words OCR placed on it.
  await expect(viewer.getByTestId("viewer-canvas")).toBeVisible();
  const shown = Number(await viewer.getByTestId("viewer-page").textContent());
  expect([2, 3]).toContain(shown);
  if (shown === 2) await viewer.getByTestId("viewer-next").click();
  await expect(viewer.getByTestId("viewer-page")).toHaveText("3");
  const highlights = viewer.getByTestId("viewer-highlight");
  await expect(highlights.first()).toBeVisible({ timeout: 15_000 });
  expect(await highlights.count()).toBeGreaterThan(10);
});

test("a mixed PDF gets OCR only where the text layer is missing; the empty page is named", async ({
  request,
  page,
}) => {
  const { body } = await uploadIndexed(request, [pdfFile("mixed-scan.pdf", fixture("mixed-scan.pdf"))]);
  expect(body.documents[0]).toMatchObject({ status: "ready", pages: 3, ocrPages: [2, 3], emptyPages: [3] });
  const documents = new DocumentsPage(page);
  await documents.goto();
  const row = documents.documentRow("mixed-scan.pdf");
  await expect(row.getByTestId("document-ocr")).toHaveText("OCR · 2 of 3 pages");
  await expect(row.getByTestId("document-empty-pages")).toHaveText("No text found on page 3");
});
