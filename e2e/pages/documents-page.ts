import { expect, type Locator, type Page } from "@playwright/test";
import type { UploadFile } from "../support/files";

/** The upload page as a person sees it: drop zone, upload progress, document list and search. */
export class DocumentsPage {
  readonly dropzone: Locator;
  readonly fileInput: Locator;
  readonly documentList: Locator;

  constructor(readonly page: Page) {
    this.dropzone = page.getByTestId("dropzone");
    this.fileInput = page.getByTestId("file-input");
    this.documentList = page.getByTestId("document-list");
  }

  async goto() {
    await this.page.goto("/");
    await expect(this.dropzone).toBeVisible();
  }

  uploadItem(name: string): Locator {
    return this.page.locator(`[data-testid="upload-item"][data-name="${name}"]`);
  }

  documentRow(name: string): Locator {
    return this.page
      .getByTestId("document-row")
      .filter({ has: this.page.getByTestId("document-name").getByText(name, { exact: true }) });
  }

  async pickFiles(files: UploadFile[]) {
    await this.fileInput.setInputFiles(files);
  }

  /** Drops files on the drop zone the way a browser does: a drop event carrying a DataTransfer. */
  async dropFiles(files: UploadFile[]) {
    const payload = files.map((file) => ({
      name: file.name,
      mimeType: file.mimeType,
      base64: file.buffer.toString("base64"),
    }));
    const dataTransfer = await this.page.evaluateHandle((items) => {
      const transfer = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], item.name, { type: item.mimeType }));
      }
      return transfer;
    }, payload);
    await this.dropzone.dispatchEvent("dragenter", { dataTransfer });
    await this.dropzone.dispatchEvent("dragover", { dataTransfer });
    await this.dropzone.dispatchEvent("drop", { dataTransfer });
  }

  async search(query: string) {
    await this.page.getByTestId("search-input").fill(query);
    await this.page.getByTestId("search-submit").click();
  }

  async deleteDocument(name: string) {
    const row = this.documentRow(name);
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    await row.getByTestId("confirm-delete").click();
    await expect(row).toHaveCount(0);
  }
}
