import { expect, test } from "@playwright/test";
import { E2E_MAX_UPLOAD_MB } from "../playwright.config";
import { DocumentsPage } from "./pages/documents-page";
import { deleteAllDocuments, listDocuments, upload } from "./support/api";
import { fixture, pdfFile, sha256, textFile } from "./support/files";
import { makeBulkyPdf } from "./support/make-bulky-pdf";

const MB = 1024 * 1024;

test.describe.configure({ mode: "serial" });

// Each test starts from an empty library, so that the listing shows exactly what it uploads.
test.beforeEach(async ({ request }) => deleteAllDocuments(request));

/** Skips a test whose files the app instances' upload limit (playwright.config.ts) does not allow. */
function needsUploadLimit(megabytes: number) {
  test.skip(
    E2E_MAX_UPLOAD_MB < megabytes,
    `needs E2E_MAX_UPLOAD_MB >= ${megabytes}; playwright.config.ts sets ${E2E_MAX_UPLOAD_MB}`,
  );
}

test("the offline mode and the open access (no APP_PASSWORD) are labelled plainly", async ({ page }) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  await expect(page.getByTestId("offline-badge")).toBeVisible();
  await expect(page.getByTestId("offline-badge")).toContainText(/offline/i);
  await expect(page.getByTestId("open-access-badge")).toHaveText(/Open · no sign-in/);
  await expect(page.getByTestId("sign-out-button")).toHaveCount(0);
  await expect(page.getByTestId("empty-documents")).toBeVisible();
});

test("pick a PDF, follow it from queued through its pages to ready, search it and delete it", async ({
  page,
}) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  await documents.recordStates();
  await documents.pickFiles([pdfFile("autoconf-manual.pdf", fixture("autoconf-manual.pdf"))]);

  await documents.expectStatus("autoconf-manual.pdf", "ready", { timeout: 60_000 });
  const row = documents.documentRow("autoconf-manual.pdf");
  await expect(row.getByTestId("document-status")).toHaveText("Ready");
  const seen = await documents.statesSeen("autoconf-manual.pdf");
  expect(seen).toContainEqual(expect.stringMatching(/^upload:uploading\|Uploading · \d+%/));
  expect(seen).toContainEqual(expect.stringMatching(/^queued\|/));
  expect(seen).toContainEqual(expect.stringMatching(/^indexing\|\d+\/403 pages · \d+/));
  // Once stored, the file is the document list's: its upload line is gone.
  await expect(documents.uploadItem("autoconf-manual.pdf")).toHaveCount(0);

  await expect(row.getByTestId("document-pages")).toHaveText("403");
  await expect(row.getByTestId("document-chunks")).toHaveText(/^\d{3}$/);
  await expect(row.getByTestId("document-size")).toContainText("MB");
  await expect(row.getByTestId("document-date")).not.toBeEmpty();

  await documents.search("autoscan");
  const first = page.getByTestId("search-result").first();
  await expect(first).toContainText("autoconf-manual.pdf");
  await expect(first).toContainText(/p\. \d+/);
  // The snippet is centred on the matched word.
  await expect(first).toContainText("autoscan");

  // Keeping it at the confirmation leaves it; confirming removes it from the list and from search.
  await row.getByRole("button", { name: "Delete autoconf-manual.pdf" }).click();
  await row.getByTestId("cancel-delete").click();
  await expect(row).toHaveCount(1);
  await documents.deleteDocument("autoconf-manual.pdf");
  await documents.search("autoscan");
  await expect(page.getByTestId("search-empty")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("empty-documents")).toBeVisible();
});

test("drop several files at once; a refused file says why beside it, a failed one on its row", async ({
  page,
}) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  const notes = textFile(
    "field-notes.md",
    "# Field notes\n\nThe heron nests in the reeds by the old mill.",
    "text/markdown",
  );
  const locked = pdfFile("locked.pdf", fixture("encrypted.pdf"));
  await documents.dropFiles([
    notes,
    locked,
    { name: "diagram.png", mimeType: "image/png", buffer: Buffer.from([137, 80, 78, 71, 13, 10]) },
    textFile("huge.txt", "x".repeat((E2E_MAX_UPLOAD_MB + 1) * MB)),
    // Named as a PDF but not one: the server refuses it and keeps the other files of the request.
    pdfFile("not-really.pdf", Buffer.from("Just some words, not a PDF at all.")),
  ]);

  await documents.expectStatus("field-notes.md", "ready");
  await expect(documents.documentRow("field-notes.md").getByTestId("document-pages")).toHaveText("—");
  await expect(documents.uploadItem("field-notes.md")).toHaveCount(0);

  // Stored, then indexing fails: the row says why, in full.
  await documents.expectStatus("locked.pdf", "failed");
  const lockedRow = documents.documentRow("locked.pdf");
  await expect(lockedRow.getByTestId("document-status")).toHaveText("Failed");
  await expect(lockedRow.getByTestId("document-error")).toContainText(/password/i);
  await expect(lockedRow.getByTestId("cancel-indexing")).toHaveCount(0);

  // Refused before indexing: the upload line says why.
  await expect(documents.uploadItem("diagram.png")).toHaveAttribute("data-status", "failed");
  await expect(documents.uploadItem("diagram.png").getByTestId("upload-error")).toContainText(
    /PDF, DOCX, XLSX, PPTX, HTML, CSV, Markdown/,
  );
  await expect(documents.uploadItem("huge.txt").getByTestId("upload-error")).toContainText(
    `${E2E_MAX_UPLOAD_MB} MB`,
  );
  await expect(documents.uploadItem("not-really.pdf").getByTestId("upload-error")).toContainText(
    /not-really\.pdf.*PDF/,
  );
  await expect(documents.documentRows).toHaveCount(2);

  // The originals of a ready and of a failed document download unchanged, under their own names.
  for (const file of [notes, locked]) {
    const { bytes, fileName } = await documents.downloadOriginal(file.name);
    expect(fileName).toBe(file.name);
    expect(sha256(bytes)).toBe(sha256(file.buffer));
  }

  await page.getByTestId("clear-finished-uploads").click();
  await expect(documents.uploadItems).toHaveCount(0);
});

test("the drop zone works from the keyboard", async ({ page }) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  const chooser = page.waitForEvent("filechooser");
  await documents.dropzone.focus();
  await documents.dropzone.press("Enter");
  await (await chooser).setFiles([textFile("keyboard.txt", "Chosen with the keyboard: kestrels hover.")]);
  await documents.expectStatus("keyboard.txt", "ready");
});

test("cancel a document while it is queued or indexing: it leaves the list, the server and another tab", async ({
  page,
  context,
  request,
}) => {
  // 1,120 pages of a real manual: indexing it takes long enough to cancel in the middle.
  const long = pdfFile(
    "long-manual.pdf",
    await makeBulkyPdf({ source: fixture("flex-manual.pdf"), copies: 8, totalBytes: 0 }),
  );
  const documents = new DocumentsPage(page);
  await documents.goto();
  await documents.dropFiles([long, textFile("keeper.txt", "Ospreys dive feet first for fish.")]);
  await documents.expectStatus("long-manual.pdf", /queued|indexing/);

  // Another tab opened now follows the same document through the queue.
  const otherTab = new DocumentsPage(await context.newPage());
  await otherTab.goto();
  await otherTab.expectStatus("long-manual.pdf", /queued|indexing/);

  await documents.cancelIndexing("long-manual.pdf");
  await expect
    .poll(async () => (await listDocuments(request)).map((document) => document.name))
    .not.toContain("long-manual.pdf");
  await expect(otherTab.documentRow("long-manual.pdf")).toHaveCount(0);
  await documents.expectStatus("keeper.txt", "ready");
  await page.reload();
  await expect(documents.documentRow("long-manual.pdf")).toHaveCount(0);
  await expect(documents.documentRows).toHaveCount(1);
});

test("the list polls once a second while something indexes, not when idle, and not while the tab is hidden", async ({
  page,
  request,
}) => {
  await page.clock.install();
  const polls: string[] = [];
  page.on("request", (sent) => {
    if (sent.method() === "GET" && new URL(sent.url()).pathname === "/api/documents") polls.push(sent.url());
  });
  const documents = new DocumentsPage(page);
  await documents.goto();
  const setVisibility = (state: "visible" | "hidden") =>
    page.evaluate((visibility) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);

  // Nothing is indexing: no polling, however long the page stays open.
  await page.clock.runFor(10_000);
  expect(polls).toHaveLength(0);

  // Hidden: an upload from this tab is shown as queued, but not followed until the tab is seen again.
  await setVisibility("hidden");
  await documents.pickFiles([textFile("hidden.txt", "Herons stand still for minutes at a time.")]);
  await documents.expectStatus("hidden.txt", "queued");
  await page.clock.runFor(10_000);
  expect(polls).toHaveLength(0);
  await setVisibility("visible");
  await expect.poll(() => polls.length).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      await page.clock.runFor(1000);
      return documents.documentRow("hidden.txt").getAttribute("data-status");
    })
    .toBe("ready");

  // Ready: the polling stops.
  const settledPolls = polls.length;
  await page.clock.runFor(10_000);
  expect(polls).toHaveLength(settledPolls);

  // A document uploaded elsewhere meanwhile shows up when the tab is seen again.
  await setVisibility("hidden");
  await upload(request, [textFile("elsewhere.txt", "Swifts sleep on the wing.")]);
  await setVisibility("visible");
  await expect(documents.documentRow("elsewhere.txt")).toHaveCount(1);
});

test("200 small files at once: a few requests, every one ends ready or failed, and the page stays usable", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const files = Array.from({ length: 200 }, (_, n) =>
    textFile(
      `note-${String(n).padStart(3, "0")}.txt`,
      `Note ${n}: the swallow ${n} returned to barn ${n * 7}.`,
    ),
  );
  const uploadRequests: string[] = [];
  page.on("request", (sent) => {
    if (sent.method() === "POST" && new URL(sent.url()).pathname === "/api/documents")
      uploadRequests.push(sent.url());
  });
  const documents = new DocumentsPage(page);
  await documents.goto();
  // Long tasks are noted for whoever reads the report, not asserted: timings vary with the machine.
  await page.evaluate(() => {
    const durations: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = durations;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(Math.round(entry.duration));
    }).observe({ type: "longtask" });
  });
  await documents.dropFiles(files);

  // Every file is stored and handed over to the list; none is left among the uploads.
  await expect(documents.documentRows).toHaveCount(200, { timeout: 60_000 });
  await expect(documents.uploadItems).toHaveCount(0);
  await expect(page.getByTestId("document-count")).toHaveText("(200)");
  expect(uploadRequests.length).toBeLessThanOrEqual(8);

  // While they index, the page answers: typing in the search box keeps up.
  await documents.searchInput.pressSequentially("swallow", { delay: 20 });
  await expect(documents.searchInput).toHaveValue("swallow");

  const settled = documents.page.locator(
    '[data-testid="document-row"][data-status="ready"], [data-testid="document-row"][data-status="failed"]',
  );
  await expect(settled).toHaveCount(200, { timeout: 240_000 });
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({
    type: "long tasks (ms)",
    description: `${longTasks.length}, longest ${Math.max(0, ...longTasks)}, total ${longTasks.reduce((sum, ms) => sum + ms, 0)}`,
  });
  const names = new Set(files.map((file) => file.name));
  const listed = (await listDocuments(request)).filter((document) => names.has(document.name));
  expect(listed).toHaveLength(200);
  expect(listed.filter((document) => document.status !== "ready" && document.status !== "failed")).toEqual(
    [],
  );
  for (const document of listed.filter((entry) => entry.status === "failed")) {
    expect(document.error, `${document.name} failed without a reason`).toBeTruthy();
  }
  // One note among the 200, by what only it says ("swallow", in every note, weighs almost nothing in
  // BM25). Searching 200 fresh documents on a busy test machine can take a while.
  await documents.searchInput.fill("barn 1393");
  await page.getByTestId("search-submit").click();
  await expect(page.getByTestId("search-result").first()).toContainText("note-199.txt", { timeout: 30_000 });
});

test("a 12 MB PDF with small files: queued, indexing page by page, still indexing after a reload, then ready; its original downloads intact", async ({
  page,
}) => {
  needsUploadLimit(13);
  test.setTimeout(240_000);
  // Four copies of a real manual's 140 pages, padded to 12 MB with an attachment.
  const bulky = pdfFile(
    "bulky-manual.pdf",
    await makeBulkyPdf({ source: fixture("flex-manual.pdf"), copies: 4, totalBytes: 12 * MB }),
  );
  const small = Array.from({ length: 4 }, (_, n) =>
    textFile(`small-${n}.md`, `# Small ${n}\n\nWrens sing ${n} songs.`),
  );
  const documents = new DocumentsPage(page);
  await documents.goto();
  await documents.recordStates();
  await documents.dropFiles([bulky, ...small]);

  const row = documents.documentRow("bulky-manual.pdf");
  await documents.expectStatus("bulky-manual.pdf", "indexing", { timeout: 60_000 });
  await expect(row.getByTestId("document-progress")).toHaveText(/^\d+\/560 pages · \d+ chunks?$/);
  // The small files went in their own request; they did not wait for the big one.
  for (const file of small) await documents.expectStatus(file.name, "ready");
  const seen = await documents.statesSeen("bulky-manual.pdf");
  expect(seen).toContainEqual(expect.stringMatching(/^upload:uploading\|/));
  expect(seen).toContainEqual(expect.stringMatching(/^queued\|/));

  const pagesRead = async () =>
    Number((await row.getByTestId("document-progress").textContent())?.split("/")[0]);
  const beforeReload = await pagesRead();
  await page.reload();
  // The server-rendered page picks the document up where it is and follows it on.
  await documents.expectStatus("bulky-manual.pdf", "indexing");
  await expect(row.getByTestId("document-progress")).toHaveText(/\/560 pages/);
  await expect
    .poll(async () =>
      (await row.getAttribute("data-status")) === "ready" ? Number.POSITIVE_INFINITY : pagesRead(),
    )
    .toBeGreaterThan(beforeReload);
  await documents.expectStatus("bulky-manual.pdf", "ready", { timeout: 180_000 });
  await expect(row.getByTestId("document-pages")).toHaveText("560");

  const { bytes, fileName } = await documents.downloadOriginal("bulky-manual.pdf");
  expect(fileName).toBe("bulky-manual.pdf");
  expect(bytes.length).toBe(bulky.buffer.length);
  expect(sha256(bytes)).toBe(sha256(bulky.buffer));
});

test("a 40 MB PDF through the page: its bytes go up with progress, then it is indexed", async ({ page }) => {
  needsUploadLimit(40);
  test.setTimeout(300_000);
  const big = pdfFile(
    "forty-megabytes.pdf",
    await makeBulkyPdf({ source: fixture("flex-manual.pdf"), totalBytes: 40 * MB }),
  );
  const documents = new DocumentsPage(page);
  await documents.goto();
  await documents.recordStates();
  await documents.dropFiles([big]);

  await documents.expectStatus("forty-megabytes.pdf", "ready", { timeout: 240_000 });
  const seen = await documents.statesSeen("forty-megabytes.pdf");
  expect(seen).toContainEqual(expect.stringMatching(/^upload:uploading\|Uploading · \d+%/));
  await expect(documents.documentRow("forty-megabytes.pdf").getByTestId("document-pages")).toHaveText("140");
  await expect(documents.documentRow("forty-megabytes.pdf").getByTestId("document-size")).toHaveText(
    /^40\.0 MB$/,
  );
});
