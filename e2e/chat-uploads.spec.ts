import { expect, type Page, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { deleteAllDocuments, listDocuments } from "./support/api";
import { dropFiles } from "./support/drop-files";
import { fixture, pdfFile, textFile } from "./support/files";
import { makeBulkyPdf } from "./support/make-bulky-pdf";

test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ request }) => deleteAllDocuments(request));

const chatUpload = (page: Page, name: string) =>
  page.locator(`[data-testid="chat-upload-status"][data-name="${name}"]`);

test("files dropped on the chat show their upload, queue and indexing until ready or failed; one is cancelled", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // 1,120 pages of a real manual: long enough to be seen indexing and to be cancelled midway.
  const long = pdfFile(
    "long-manual.pdf",
    await makeBulkyPdf({ source: fixture("flex-manual.pdf"), copies: 8, totalBytes: 0 }),
  );
  const chat = new ChatPage(page);
  await chat.goto();
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { chatStatesSeen: Set<string> }).chatStatesSeen = seen;
    new MutationObserver(() => {
      for (const item of document.querySelectorAll('[data-testid="chat-upload-status"]')) {
        seen.add(`${item.getAttribute("data-name")}|${item.getAttribute("data-status")}|${item.textContent}`);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await dropFiles(page.getByTestId("chat-dropzone"), [
    long,
    pdfFile("locked.pdf", fixture("encrypted.pdf")),
    textFile("quokkas.txt", "Quokkas live on Rottnest Island and are famous for their smiles."),
  ]);

  await expect(chatUpload(page, "quokkas.txt")).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(chatUpload(page, "quokkas.txt")).toContainText("added to your documents");
  await expect(chatUpload(page, "locked.pdf")).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(chatUpload(page, "locked.pdf")).toContainText(/password/i);

  const longItem = chatUpload(page, "long-manual.pdf");
  await expect(longItem).toHaveAttribute("data-status", "indexing", { timeout: 60_000 });
  await expect(longItem).toContainText(/Indexing · \d+\/1120 pages/);
  await longItem.getByRole("button", { name: "Cancel indexing long-manual.pdf" }).click();
  // Stopping a running job can take the server a moment; meanwhile the line says so.
  await expect(longItem).toHaveCount(0, { timeout: 30_000 });
  await expect
    .poll(async () => (await listDocuments(request)).map((document) => document.name))
    .not.toContain("long-manual.pdf");

  const seen = await page.evaluate(() => [
    ...(window as unknown as { chatStatesSeen: Set<string> }).chatStatesSeen,
  ]);
  expect(seen).toContainEqual(expect.stringMatching(/^quokkas\.txt\|(waiting|uploading)\|/));
  expect(seen).toContainEqual(
    expect.stringMatching(/^quokkas\.txt\|queued\|quokkas\.txt: Queued for indexing/),
  );

  // Only the ready document is offered to answer from.
  await page.getByTestId("scope-picker").getByRole("button").click();
  await expect(page.getByTestId("scope-option")).toHaveCount(1);
  await expect(page.getByTestId("scope-picker")).toContainText("quokkas.txt");
  await page.keyboard.press("Escape");

  await chat.ask("Where do quokkas live?");
  expect(await chat.answer()).toContain("Rottnest Island");
});
