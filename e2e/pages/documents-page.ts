import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";
import { dropFiles } from "../support/drop-files";
import type { UploadFile } from "../support/files";

type DocumentStatus = "queued" | "indexing" | "ready" | "failed";

/** The upload page as a person sees it: drop zone, uploads, the document list with states, and search. */
export class DocumentsPage {
  readonly dropzone: Locator;
  readonly fileInput: Locator;
  readonly documentList: Locator;
  readonly documentRows: Locator;
  readonly uploadItems: Locator;
  readonly searchInput: Locator;

  constructor(readonly page: Page) {
    this.dropzone = page.getByTestId("dropzone");
    this.fileInput = page.getByTestId("file-input");
    this.documentList = page.getByTestId("document-list");
    this.documentRows = page.getByTestId("document-row");
    this.uploadItems = page.getByTestId("upload-item");
    this.searchInput = page.getByTestId("search-input");
  }

  async goto() {
    await this.page.goto("/");
    await expect(this.dropzone).toBeVisible();
  }

  uploadItem(name: string): Locator {
    return this.page.locator(`[data-testid="upload-item"][data-name="${name}"]`);
  }

  documentRow(name: string): Locator {
    return this.documentRows.filter({
      has: this.page.getByTestId("document-name").getByText(name, { exact: true }),
    });
  }

  async expectStatus(name: string, status: DocumentStatus | RegExp, { timeout = 30_000 } = {}) {
    await expect(this.documentRow(name)).toHaveAttribute("data-status", status, { timeout });
  }

  async pickFiles(files: UploadFile[]) {
    await this.fileInput.setInputFiles(files);
  }

  /** Drops files on the drop zone the way a browser does: a drop event carrying a DataTransfer. */
  async dropFiles(files: UploadFile[]) {
    await dropFiles(this.dropzone, files);
  }

  /**
   * From now until the next navigation, notes every state a row or an upload shows, however briefly,
   * as "name|status|progress".
   */
  async recordStates() {
    await this.page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { statesSeen: Set<string> }).statesSeen = seen;
      const note = () => {
        for (const row of document.querySelectorAll('[data-testid="document-row"]')) {
          const name = row.querySelector('[data-testid="document-name"]')?.textContent;
          const progress = row.querySelector('[data-testid="document-progress"]')?.textContent ?? "";
          const line = `${name}|${row.getAttribute("data-status")}|${progress}`;
          seen.add(line);
        }
        for (const item of document.querySelectorAll('[data-testid="upload-item"]')) {
          const progress = item.querySelector('[data-testid="upload-progress"]')?.textContent ?? "";
          const line = `${item.getAttribute("data-name")}|upload:${item.getAttribute("data-status")}|${progress}`;
          seen.add(line);
        }
      };
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
  }

  async statesSeen(name: string): Promise<string[]> {
    const seen = await this.page.evaluate(() => [
      ...(window as unknown as { statesSeen: Set<string> }).statesSeen,
    ]);
    return seen.filter((line) => line.startsWith(`${name}|`)).map((line) => line.slice(name.length + 1));
  }

  async search(query: string) {
    await this.searchInput.fill(query);
    await this.page.getByTestId("search-submit").click();
  }

  async deleteDocument(name: string) {
    const row = this.documentRow(name);
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    await row.getByTestId("confirm-delete").click();
    await expect(row).toHaveCount(0);
  }

  async cancelIndexing(name: string) {
    const row = this.documentRow(name);
    await row.getByRole("button", { name: `Cancel indexing ${name}` }).click();
    // Stopping a running job can take the server a moment; meanwhile the button says "Cancelling…".
    await expect(row).toHaveCount(0, { timeout: 30_000 });
  }

  /** Downloads a document's original through its row's link and returns the file's bytes and name. */
  async downloadOriginal(name: string): Promise<{ bytes: Buffer; fileName: string }> {
    const download = this.page.waitForEvent("download");
    await this.documentRow(name).getByTestId("document-download").click();
    const file = await download;
    return { bytes: await readFile(await file.path()), fileName: file.suggestedFilename() };
  }
}
