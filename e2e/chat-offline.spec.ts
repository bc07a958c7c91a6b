import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { textFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";

test.describe.configure({ mode: "serial" });

test("offline: no model configured, the chat says so and quotes the documents with citations", async ({
  page,
  request,
}) => {
  await uploadIndexed(request, [
    textFile(
      "kestrels.md",
      "# Kestrels\n\nKestrels hover in the wind while hunting voles. A kestrel can see ultraviolet light reflected by vole urine.\n\n# Nesting\n\nKestrels nest in old crow nests and church towers.",
      "text/markdown",
    ),
  ]);
  const chat = new ChatPage(page);
  await chat.goto();
  await expect(page.getByTestId("mode-label")).toContainText(/offline/i);
  // Suggestions come from the documents' own section headings.
  await expect(
    page
      .getByTestId("suggested-question")
      .filter({ hasText: /nesting/i })
      .first(),
  ).toBeVisible();

  await chat.ask("Where do kestrels nest?");
  const answer = await chat.answer();
  expect(answer).toContain("Kestrels nest in old crow nests and church towers.");
  const citation = chat.lastAnswer().getByTestId("citation").first();
  await expect(citation).toContainText("kestrels.md");
  const panel = await chat.openCitation(chat.lastAnswer(), 1);
  await expect(panel.getByTestId("citation-text")).toContainText("church towers");
  await panel.getByTestId("citation-close").click();

  await chat.ask("What is the boiling point of mercury?");
  expect(await chat.answer()).toMatch(/do not seem to contain/);
});

test("Shift+Enter adds a line, Enter sends; copy puts the answer on the clipboard", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.input.fill("How do kestrels hunt?");
  await chat.input.press("Shift+Enter");
  await chat.input.pressSequentially("Answer briefly.");
  await expect(chat.input).toHaveValue("How do kestrels hunt?\nAnswer briefly.");
  await chat.input.press("Enter");
  await expect(chat.input).toHaveValue("");
  const answer = await chat.answer();
  expect(answer).toContain("hover in the wind");
  await chat.lastAnswer().getByTestId("copy-button").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("Kestrels hover in the wind while hunting voles.");
});

test("a file dropped on the chat is uploaded and can be asked about at once", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File(["Quokkas live on Rottnest Island and are famous for their smiles."], "quokkas.txt", {
        type: "text/plain",
      }),
    );
    return transfer;
  });
  const dropzone = page.getByTestId("chat-dropzone");
  await dropzone.dispatchEvent("dragenter", { dataTransfer });
  await dropzone.dispatchEvent("dragover", { dataTransfer });
  await dropzone.dispatchEvent("drop", { dataTransfer });
  await expect(page.getByTestId("chat-upload-status")).toContainText(/quokkas\.txt/);
  await expect(page.getByTestId("chat-upload-status")).toContainText(/done|ready|added|indexed/i, {
    timeout: 15_000,
  });
  await chat.ask("Where do quokkas live?");
  expect(await chat.answer()).toContain("Rottnest Island");
});
