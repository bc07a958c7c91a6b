import { expect, type Locator, type Page, type Request, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { fixture, pdfFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { makeDocx } from "./support/make-docx";
import { makePptx } from "./support/make-pptx";

// The document viewer: a citation opens its document at the cited page, the passage highlighted on
// it (pdf.js for PDFs, the text for other formats); a link opens the same; share pages never reach
// the documents.
test.describe.configure({ mode: "serial" });

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The highlight boxes lie on the rendered page, and the first is in view. */
async function expectHighlightOnPage(viewer: Locator) {
  const canvas = viewer.getByTestId("viewer-canvas");
  await expect(canvas).toBeVisible();
  const highlights = viewer.getByTestId("viewer-highlight");
  await expect(highlights.first()).toBeVisible({ timeout: 15_000 });
  const page = await canvas.boundingBox();
  if (!page) throw new Error("the page is not laid out");
  for (const box of await highlights.all()) {
    const bounds = await box.boundingBox();
    if (!bounds) throw new Error("a highlight is not laid out");
    expect(bounds.x).toBeGreaterThanOrEqual(page.x - 1);
    expect(bounds.y).toBeGreaterThanOrEqual(page.y - 2);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(page.x + page.width + 1);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(page.y + page.height + 1);
    expect(bounds.width).toBeGreaterThan(2);
  }
  await expect(highlights.first()).toBeInViewport();
}

/** The page's canvas holds a drawn page, not a blank one. */
async function inkOnCanvas(page: Page): Promise<number> {
  return page.getByTestId("viewer-canvas").evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext("2d");
    if (!context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    // Dark and drawn: an empty canvas is transparent black.
    for (let n = 0; n < data.length; n += 4) if (data[n + 3] > 200 && data[n] < 128) dark++;
    return dark;
  });
}

/** A new chat scoped to one document, the question asked and its answer read. */
async function askAbout(
  page: Page,
  documentId: string,
  question: string,
): Promise<{ chat: ChatPage; answer: string }> {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.scopeTo([documentId]);
  await chat.ask(question);
  return { chat, answer: await chat.answer() };
}

let speexId = "";
let docxId = "";
let csvId = "";
let pptxId = "";

test.beforeAll(async ({ request }) => {
  const { body } = await uploadIndexed(request, [
    pdfFile("speex-manual.pdf", fixture("speex-manual.pdf")),
    { name: "speex-modes.csv", mimeType: "text/csv", buffer: fixture("speex-modes.csv") },
    {
      name: "lighthouse-tour.pptx",
      mimeType: "",
      // Slides long enough that each is a passage of its own; the answer is on slide 5 only.
      buffer: makePptx(
        Array.from({ length: 6 }, (_, n) => ({
          paragraphs: [`Tour stop ${n + 1}`],
          notes: [
            ...Array.from(
              { length: 40 },
              (_, k) =>
                `At stop ${n + 1} the guide points out detail ${k + 1} of the keeper's cottage and its garden wall.`,
            ),
            ...(n === 4 ? ["The lantern room is reached by a spiral staircase of 117 cast-iron steps."] : []),
          ],
        })),
      ),
    },
    {
      name: "harbour-rules.docx",
      mimeType: docxType,
      buffer: makeDocx([
        "Harbour rules for visiting boats.",
        ...Array.from(
          { length: 60 },
          (_, n) =>
            `Rule ${n + 1}. Berth ${n + 1} is kept for vessels under ${8 + n} metres, and mooring lines are checked at dusk.`,
        ),
        "Rule 61. Kayaks are launched only from the slipway beside the lifeboat station, never from the pontoons.",
      ]),
    },
  ]);
  const idOf = (name: string) => body.documents?.find((document) => document.name === name)?.id as string;
  speexId = idOf("speex-manual.pdf");
  docxId = idOf("harbour-rules.docx");
  csvId = idOf("speex-modes.csv");
  pptxId = idOf("lighthouse-tour.pptx");
});

test("a PDF citation opens the cited page beside the answer, the passage highlighted; pages turn and zoom", async ({
  page,
}) => {
  const { chat } = await askAbout(page, speexId, "Which range of bit-rates does Speex support?");
  const chip = chat.lastAnswer().getByTestId("citation").first();
  const cited = Number(/· pp?\. (\d+)/.exec((await chip.textContent()) ?? "")?.[1]);
  expect(cited).toBeGreaterThan(0);
  const viewer = await chat.openCitation(chat.lastAnswer(), 1);
  await expect(viewer.getByTestId("citation-document")).toHaveText("speex-manual.pdf");
  await expect(viewer.getByTestId("viewer-page")).toHaveText(String(cited));
  await expectHighlightOnPage(viewer);
  await expect(viewer.getByTestId("viewer-not-found")).toHaveCount(0);
  expect(await inkOnCanvas(page)).toBeGreaterThan(1000);
  // Beside the answer on a wide screen: the conversation stays in view.
  await expect(chat.lastAnswer()).toBeInViewport();

  const before = await viewer.getByTestId("viewer-canvas").boundingBox();
  await viewer.getByTestId("viewer-zoom-in").click();
  await expect(viewer.getByTestId("viewer-zoom")).toHaveText("125%");
  await expect
    .poll(async () => (await viewer.getByTestId("viewer-canvas").boundingBox())?.width)
    .toBeGreaterThan((before?.width ?? 0) * 1.2);
  await expectHighlightOnPage(viewer);

  // A page the passage is not on is shown as it is.
  await viewer.getByTestId("viewer-next").click();
  await viewer.getByTestId("viewer-next").click();
  await expect(viewer.getByTestId("viewer-page")).toHaveText(String(cited + 2));
  await expect(viewer.getByTestId("viewer-highlight")).toHaveCount(0);
  await viewer.getByTestId("viewer-previous").click();
  await viewer.getByTestId("viewer-previous").click();
  await expectHighlightOnPage(viewer);

  // The link opens the same page with the same highlight, for someone else to follow.
  const href = await viewer.getByTestId("viewer-link").getAttribute("href");
  expect(href).toMatch(new RegExp(`^/documents/${speexId}\\?page=${cited}`));
  const linked = await page.context().newPage();
  await linked.goto(href ?? "");
  const opened = linked.getByTestId("document-viewer");
  await expect(opened.getByTestId("viewer-page")).toHaveText(String(cited));
  await expectHighlightOnPage(opened);
  await linked.close();

  await page.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);
});

test("on a narrow screen the viewer is a drawer over the chat, and closes back to it", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const { chat } = await askAbout(page, speexId, "Which range of bit-rates does Speex support?");
  const viewer = await chat.openCitation(chat.lastAnswer(), 1);
  const box = await viewer.boundingBox();
  expect(box?.width).toBe(390);
  await expectHighlightOnPage(viewer);
  await viewer.getByTestId("citation-close").click();
  await expect(viewer).toHaveCount(0);
  await expect(chat.lastAnswer()).toBeVisible();
  // Focus goes back to the citation that opened it.
  await expect(chat.lastAnswer().locator('[data-testid="citation"][data-citation="1"]')).toBeFocused();
});

test("a DOCX citation opens the document's text with the passage highlighted and scrolled into view", async ({
  page,
}) => {
  const { chat, answer } = await askAbout(page, docxId, "Where are kayaks launched from?");
  expect(answer).toMatch(/slipway/);
  const viewer = await chat.openCitation(chat.lastAnswer(), 1);
  await expect(viewer.getByTestId("citation-document")).toHaveText("harbour-rules.docx");
  const text = viewer.getByTestId("viewer-text");
  await expect(text).toContainText("Rule 1. Berth 1 is kept");
  const highlights = viewer.getByTestId("viewer-highlight");
  await expect(highlights.first()).toBeVisible();
  await expect(highlights.filter({ hasText: "Kayaks are launched only from the slipway" })).toHaveCount(1);
  await expect(highlights.filter({ hasText: "Kayaks are launched" })).toBeInViewport();
  // No page numbers in a DOCX: no page control.
  await expect(viewer.getByTestId("viewer-page")).toHaveCount(0);
});

test("a table citation highlights the cited rows in the table's text", async ({ page }) => {
  const { chat } = await askAbout(page, csvId, "What bit-rate does the vocoder mode for comfort noise use?");
  const viewer = await chat.openCitation(chat.lastAnswer(), 1);
  await expect(viewer.getByTestId("citation-document")).toHaveText("speex-modes.csv");
  const highlights = viewer.getByTestId("viewer-text").getByTestId("viewer-highlight");
  await expect(highlights.first()).toBeInViewport();
  await expect(
    highlights.filter({ hasText: "| 1 | 0 | 2,150 | 6 | Vocoder (mostly for comfort noise) |" }),
  ).toHaveCount(1);
});

test("a slide is cited as a slide and opens at its number, the passage highlighted there", async ({
  page,
}) => {
  const { chat, answer } = await askAbout(page, pptxId, "How many steps lead up to the lantern room?");
  expect(answer).toContain("117 cast-iron steps");
  const chip = chat.lastAnswer().getByTestId("citation").first();
  // Its passage may run on into slide 6's notes.
  await expect(chip).toContainText(/· (slide 5|slides 5–6)$/);
  const viewer = await chat.openCitation(chat.lastAnswer(), 1);
  await expect(viewer.getByTestId("citation-page")).toHaveText(/^(Slide 5|Slides 5–6)$/);
  await expect(viewer.getByTestId("viewer-page")).toHaveText("5");
  await expect(viewer).toContainText("Slide 5 of 6");
  const slide = viewer.locator('section[data-page="5"]');
  await expect(slide.getByTestId("viewer-highlight").last()).toContainText("117 cast-iron steps");
  await expect(slide.getByTestId("viewer-highlight").last()).toBeInViewport();
  await expect(viewer.locator('section[data-page="4"]').getByTestId("viewer-highlight")).toHaveCount(0);
  // The slide control brings the slide asked for into view.
  await viewer.getByTestId("viewer-previous").click();
  await expect(viewer.getByTestId("viewer-page")).toHaveText("4");
  await expect(viewer.locator('section[data-page="4"] h3')).toBeInViewport();
});

test("a PDF opens at a late page after reading only the byte ranges that page needs", async ({
  page,
  request,
}) => {
  const file = fixture("autoconf-manual.pdf");
  const { body } = await uploadIndexed(request, [pdfFile("autoconf-manual.pdf", file)]);
  const id = body.documents?.[0]?.id as string;
  const received: { range: string | undefined; bytes: number }[] = [];
  page.on("requestfinished", async (finished: Request) => {
    if (!finished.url().includes(`/api/documents/${id}/file`)) return;
    received.push({ range: finished.headers().range, bytes: (await finished.sizes()).responseBodySize });
  });
  await page.goto(`/documents/${id}?page=100`);
  await expect(page.getByTestId("viewer-page")).toHaveText("100");
  await expect.poll(() => inkOnCanvas(page)).toBeGreaterThan(1000);
  const total = received.reduce((sum, { bytes }) => sum + bytes, 0);
  console.log(
    `autoconf-manual.pdf (${file.length} bytes): page 100 drawn after ${total} bytes in ${received.length} ranges`,
  );
  expect(received.length).toBeGreaterThan(1);
  expect(received.every(({ range }) => range?.startsWith("bytes="))).toBe(true);
  expect(total).toBeLessThan(file.length / 2);
});

test("a document opens from the documents page at page N, and says so when a linked passage is not on it", async ({
  page,
}) => {
  await page.goto("/");
  const row = page.locator(`[data-testid="document-row"][data-document-id="${speexId}"]`);
  await row.getByTestId("document-open").click();
  await expect(page).toHaveURL(new RegExp(`/documents/${speexId}$`));
  const viewer = page.getByTestId("document-viewer");
  await expect(viewer.getByTestId("viewer-page")).toHaveText("1");
  await expect(page.getByTestId("viewer-canvas")).toBeVisible();
  await expect.poll(() => inkOnCanvas(page)).toBeGreaterThan(1000);
  await expect(viewer.getByTestId("viewer-highlight")).toHaveCount(0);

  const elsewhere = "The preprocessor is designed to be used on the audio before running the encoder.";
  await page.goto(`/documents/${speexId}?page=3&passage=${encodeURIComponent(elsewhere)}`);
  await expect(viewer.getByTestId("viewer-page")).toHaveText("3");
  await expect(viewer.getByTestId("viewer-not-found")).toBeVisible();
  await expect(viewer.getByTestId("viewer-highlight")).toHaveCount(0);
  await page.goto(`/documents/${speexId}?page=8&passage=${encodeURIComponent(elsewhere)}`);
  await expect(viewer.getByTestId("viewer-highlight").first()).toBeVisible();

  expect((await page.goto("/documents/not-a-document"))?.status()).toBe(404);
});

test("the text and OCR-word endpoints answer what the viewer needs, and refuse what they cannot", async ({
  request,
}) => {
  const text = await request.get(`/api/documents/${docxId}/text`);
  expect(text.status()).toBe(200);
  const body = (await text.json()) as {
    document: { kind: string };
    pages: { page: number | null; text: string }[];
  };
  expect(body.document.kind).toBe("docx");
  expect(body.pages).toHaveLength(1);
  expect(body.pages[0]).toMatchObject({ page: null, text: expect.stringContaining("Rule 61. Kayaks") });

  // The original is served in byte ranges (pdf.js reads the pages it shows), revalidated by its hash.
  const original = fixture("speex-manual.pdf");
  const ranged = await request.get(`/api/documents/${speexId}/file`, {
    headers: { range: "bytes=100-1123" },
  });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()["content-range"]).toBe(`bytes 100-1123/${original.length}`);
  expect(Buffer.from(await ranged.body()).equals(original.subarray(100, 1124))).toBe(true);
  const whole = await request.get(`/api/documents/${speexId}/file`);
  expect(whole.headers()["accept-ranges"]).toBe("bytes");
  const etag = whole.headers().etag;
  expect(
    (await request.get(`/api/documents/${speexId}/file`, { headers: { "if-none-match": etag } })).status(),
  ).toBe(304);
  const beyond = await request.get(`/api/documents/${speexId}/file`, {
    headers: { range: `bytes=${original.length}-` },
  });
  expect(beyond.status()).toBe(416);
  expect(beyond.headers()["content-range"]).toBe(`bytes */${original.length}`);

  const pdfText = await request.get(`/api/documents/${speexId}/text`);
  expect(pdfText.status()).toBe(400);
  expect((await pdfText.json()).error).toMatch(/PDF is shown as its pages/);
  const notScanned = await request.get(`/api/documents/${speexId}/ocr?page=1`);
  expect(notScanned.status()).toBe(404);
  expect((await request.get(`/api/documents/${speexId}/ocr?page=0`)).status()).toBe(400);
  expect((await request.get(`/api/documents/${speexId}/ocr`)).status()).toBe(400);
  expect((await request.get("/api/documents/00000000-0000-4000-8000-000000000000/text")).status()).toBe(404);
});

test("a share page shows the cited passage highlighted in text, and reaches no document", async ({
  page,
  browser,
}) => {
  await askAbout(page, speexId, "Which range of bit-rates does Speex support?");
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  const chatId = page.url().split("/").pop() as string;
  const item = page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`);
  await item.getByTestId("share-chat").click();
  const link = await item.getByTestId("share-link").inputValue();

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  const requested: string[] = [];
  visitorPage.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await visitorPage.goto(link);
  await visitorPage.getByTestId("citation").first().click();
  const panel = visitorPage.getByTestId("citation-panel");
  await expect(panel.getByTestId("viewer-highlight")).toContainText("kbps");
  await expect(visitorPage.getByTestId("document-viewer")).toHaveCount(0);
  const links = await visitorPage
    .locator("a[href]")
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
  expect(links.filter((href) => href.includes("/documents"))).toEqual([]);
  expect(requested.filter((path) => path.includes("/documents"))).toEqual([]);
  await visitor.close();
});
