import { expect, type Locator, type Page } from "@playwright/test";

/** The chat page as a person uses it: ask, read the streamed answer, open citations. */
export class ChatPage {
  readonly input: Locator;
  readonly messages: Locator;
  readonly assistantMessages: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId("chat-input");
    this.messages = page.getByTestId("message");
    this.assistantMessages = page.locator('[data-testid="message"][data-role="assistant"]');
  }

  async goto() {
    await this.page.goto("/chat");
    await expect(this.input).toBeVisible();
  }

  lastAnswer(): Locator {
    return this.assistantMessages.last();
  }

  /** Types a question and sends it with Enter. */
  async ask(question: string) {
    await this.input.fill(question);
    await this.input.press("Enter");
  }

  /** Waits until the answer has finished streaming (the stop button is gone) and returns its text. */
  async answer(): Promise<string> {
    await expect(this.lastAnswer().getByTestId("message-text")).not.toBeEmpty({ timeout: 30_000 });
    await expect(this.page.getByTestId("stop-button")).toHaveCount(0, { timeout: 30_000 });
    return ((await this.lastAnswer().getByTestId("message-text").textContent()) ?? "").trim();
  }

  /** Opens citation n of an answer in the document viewer beside it, and returns the viewer. */
  async openCitation(answer: Locator, citation: number) {
    const marker = answer.locator(`[data-testid="citation"][data-citation="${citation}"]`);
    const viewer = this.page.getByTestId("document-viewer");
    // The conversation may still be gliding to the bottom as the answer's last parts appear, so a
    // click can land where the marker was a frame ago (seen on a slow CI machine); click again then.
    await expect(async () => {
      await marker.click();
      await expect(viewer).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    return viewer;
  }

  async scopeTo(documentIds: string[]) {
    const picker = this.page.getByTestId("scope-picker");
    await picker.click();
    for (const option of await this.page.getByTestId("scope-option").all()) {
      const id = await option.getAttribute("data-document-id");
      const checked =
        (await option.getAttribute("aria-checked")) === "true" ||
        (await option.isChecked().catch(() => false));
      if (checked !== documentIds.includes(id ?? "")) await option.click();
    }
    await this.page.keyboard.press("Escape");
  }
}
