import { expect, test } from "@playwright/test";
import { E2E_MAX_UPLOAD_MB } from "../playwright.config";
import { DocumentsPage } from "./pages/documents-page";
import { listDocuments } from "./support/api";
import { fixture, pdfFile, textFile } from "./support/files";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  // Start from an empty library so the listing shows exactly what this file uploads.
  for (const document of await listDocuments(request)) await request.delete(`/api/documents/${document.id}`);
});

test("the offline mode and the open access (no APP_PASSWORD) are labelled plainly", async ({ page }) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  await expect(page.getByTestId("offline-badge")).toBeVisible();
  await expect(page.getByTestId("offline-badge")).toContainText(/offline/i);
  await expect(page.getByTestId("open-access-badge")).toHaveText(/Open · no sign-in/);
  await expect(page.getByTestId("sign-out-button")).toHaveCount(0);
  await expect(page.getByTestId("empty-documents")).toBeVisible();
});

test("pick a PDF, watch its progress, find it listed, retrieve from it and delete it", async ({ page }) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  // Record every progress line the page shows, however quickly it changes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const item of document.querySelectorAll('[data-testid="upload-item"]')) {
        seen.push(
          `${item.getAttribute("data-status")}|${item.querySelector('[data-testid="upload-progress"]')?.textContent}`,
        );
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await documents.pickFiles([pdfFile("autoconf-manual.pdf", fixture("autoconf-manual.pdf"))]);

  const item = documents.uploadItem("autoconf-manual.pdf");
  await expect(item).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  const progressSeen = await page.evaluate(
    () => (window as unknown as { progressSeen: string[] }).progressSeen,
  );
  expect(progressSeen.some((line) => /^extracting\|.*\d+\/403 pages/.test(line))).toBe(true);
  expect(progressSeen.some((line) => /^embedding\|.*\d+\/\d+ chunks/.test(line))).toBe(true);
  await expect(item.getByTestId("upload-progress")).toContainText("403 pages");

  const row = documents.documentRow("autoconf-manual.pdf");
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

  // Cancelling keeps the document; confirming removes it from the list and from search.
  await row.getByRole("button", { name: "Delete autoconf-manual.pdf" }).click();
  await row.getByTestId("cancel-delete").click();
  await expect(row).toHaveCount(1);
  await documents.deleteDocument("autoconf-manual.pdf");
  await documents.search("autoscan");
  await expect(page.getByTestId("search-empty")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("empty-documents")).toBeVisible();
});

test("drop several files at once; each error shows next to its own file", async ({ page }) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  await documents.dropFiles([
    textFile(
      "field-notes.md",
      "# Field notes\n\nThe heron nests in the reeds by the old mill.",
      "text/markdown",
    ),
    pdfFile("locked.pdf", fixture("encrypted.pdf")),
    { name: "diagram.png", mimeType: "image/png", buffer: Buffer.from([137, 80, 78, 71, 13, 10]) },
    textFile("huge.txt", "x".repeat((E2E_MAX_UPLOAD_MB + 1) * 1024 * 1024)),
  ]);

  await expect(documents.uploadItem("field-notes.md")).toHaveAttribute("data-status", "done");
  await expect(documents.uploadItem("locked.pdf")).toHaveAttribute("data-status", "error");
  await expect(documents.uploadItem("locked.pdf").getByTestId("upload-error")).toContainText(/password/i);
  await expect(documents.uploadItem("diagram.png").getByTestId("upload-error")).toContainText(
    /PDF, DOCX, Markdown/,
  );
  await expect(documents.uploadItem("huge.txt").getByTestId("upload-error")).toContainText(
    `${E2E_MAX_UPLOAD_MB} MB`,
  );
  await expect(documents.uploadItem("field-notes.md").getByTestId("upload-error")).toHaveCount(0);

  await expect(documents.documentRow("field-notes.md")).toBeVisible();
  await expect(documents.documentRow("field-notes.md").getByTestId("document-pages")).toHaveText("—");
  await expect(page.getByTestId("document-row")).toHaveCount(1);
});

test("the drop zone works from the keyboard", async ({ page }) => {
  const documents = new DocumentsPage(page);
  await documents.goto();
  const chooser = page.waitForEvent("filechooser");
  await documents.dropzone.focus();
  await documents.dropzone.press("Enter");
  await (await chooser).setFiles([textFile("keyboard.txt", "Chosen with the keyboard: kestrels hover.")]);
  await expect(documents.uploadItem("keyboard.txt")).toHaveAttribute("data-status", "done");
  await expect(documents.documentRow("keyboard.txt")).toBeVisible();
});
