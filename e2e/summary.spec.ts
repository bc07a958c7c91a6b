import { expect, test } from "@playwright/test";
import { MODEL_URL, REMOTE_APP_URL } from "../playwright.config";
import { ChatPage } from "./pages/chat-page";
import { fixture, pdfFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { makeTextPdf } from "./support/make-pdf";
import type { RecordedRequest } from "./support/openai-compatible-server";

test("offline, Summarise on the documents page quotes the manual's central sentences, cited by page", async ({
  page,
  request,
}) => {
  const uploaded = await uploadIndexed(request, [pdfFile("flex-manual.pdf", fixture("flex-manual.pdf"))]);
  const id = uploaded.body.documents?.[0].id as string;
  await page.goto("/");
  const row = page.getByTestId("document-row").filter({ hasText: "flex-manual.pdf" });
  await row.getByTestId("document-summarize").click();
  await expect(page).toHaveURL(/\/chat/);

  const chat = new ChatPage(page);
  const answer = await chat.answer();
  expect(answer).toContain("Extractive summary");
  await expect(chat.messages.filter({ hasText: "Summarise flex-manual.pdf" })).toHaveCount(1);
  // Every quoted sentence carries its citation.
  const chips = chat.lastAnswer().getByTestId("citation");
  expect(await chips.count()).toBeGreaterThanOrEqual(8);

  // A cited sentence is found and highlighted on its page of the original.
  const viewer = await chat.openCitation(chat.lastAnswer(), 3);
  await expect(viewer.getByTestId("viewer-highlight").first()).toBeVisible({ timeout: 30_000 });

  // The summary is saved with the chat like any answer.
  const chatId = new URL(page.url()).pathname.split("/").at(-1) as string;
  const saved = (await (await request.get(`/api/chats/${chatId}`)).json()).messages;
  expect(saved[1].metadata).toMatchObject({ task: "summarize", reading: { extractive: true, documents: 1 } });
  const cited = saved[1].parts
    .filter((part: { type: string }) => part.type === "source-document")
    .map(
      (part: { providerMetadata: { rag: { page: number; documentId: string } } }) =>
        part.providerMetadata.rag,
    );
  expect(cited.every((citation: { documentId: string }) => citation.documentId === id)).toBe(true);
  // Sentences from across the 140-page manual, not only its first pages.
  const pages = cited.map((citation: { page: number }) => citation.page);
  expect(Math.max(...pages) - Math.min(...pages)).toBeGreaterThan(60);
});

test.describe("with DBRX (stand-in)", () => {
  test.use({ baseURL: REMOTE_APP_URL });

  test("/summarize in the question field summarises the scope by map-reduce", async ({ page, request }) => {
    const pages = Array.from({ length: 120 }, (_, n) =>
      Array.from(
        { length: 10 },
        (_, line) => `Gauge ${n + 1} reading ${line + 1}: record the needle before noon.`,
      ).join("\n"),
    );
    const uploaded = await uploadIndexed(
      request,
      [pdfFile("gauges.pdf", await makeTextPdf(pages))],
      REMOTE_APP_URL,
    );
    const id = uploaded.body.documents?.[0].id as string;
    const before = ((await (await request.get(`${MODEL_URL}/requests`)).json()) as RecordedRequest[]).length;

    const chat = new ChatPage(page);
    await chat.goto();
    await chat.scopeTo([id]);
    await chat.ask("/summarize");
    const answer = await chat.answer();
    // The reduce's stand-in answer quotes the notes it was given, taken from the pages.
    expect(answer).toMatch(/Passage \d says/);
    expect(answer).toContain("Test notes on pages 1,");
    const calls = ((await (await request.get(`${MODEL_URL}/requests`)).json()) as RecordedRequest[]).slice(
      before,
    );
    const maps = calls.filter((call) =>
      JSON.stringify(call.body).includes("You take notes on part of a long document"),
    );
    expect(maps.length).toBeGreaterThanOrEqual(1);
    await expect(chat.messages.filter({ hasText: "Summarise gauges.pdf" })).toHaveCount(1);
  });
});
