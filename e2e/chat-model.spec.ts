import { expect, test } from "@playwright/test";
import { MODEL_URL, REMOTE_APP_URL } from "../playwright.config";
import { ChatPage } from "./pages/chat-page";
import { pdfFile, textFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { makeTextPdf } from "./support/make-pdf";
import { type RecordedRequest, TRIGGERS } from "./support/openai-compatible-server";

// DBRX on a Databricks workspace, as the app sees it; the workspace is the tests' local server.
test.use({ baseURL: REMOTE_APP_URL });
test.describe.configure({ mode: "serial" });

// Long enough pages that each chunk covers about one page, so a citation points at a specific page.
const filler = (topic: string) =>
  Array.from(
    { length: 28 },
    (_, n) => `Note ${n} on ${topic} describes the island routine in some detail.`,
  ).join(" ");
const lighthousePages = [
  `Chapter one. The island has a small harbour and a chapel built of grey stone. ${filler("the harbour")}`,
  `Chapter two. Supplies arrive by boat on the first Monday of every month. ${filler("supplies")}`,
  `Chapter three. The keeper polishes the Fresnel lens every Tuesday at dawn, using a chamois cloth. ${filler("the lamp room")}`,
  `Chapter four. In winter storms the foghorn sounds every thirty seconds. ${filler("storms")}`,
];
let lighthouseId = "";
let zebrasId = "";

async function recorded(request: import("@playwright/test").APIRequestContext): Promise<RecordedRequest[]> {
  return (await request.get(`${MODEL_URL}/requests`)).json();
}

test.beforeAll(async ({ request }) => {
  const lighthouse = await uploadIndexed(
    request,
    [pdfFile("lighthouse.pdf", await makeTextPdf(lighthousePages))],
    REMOTE_APP_URL,
  );
  lighthouseId = lighthouse.body.documents?.[0].id as string;
  const zebras = await uploadIndexed(
    request,
    [textFile("zebras.txt", "Zebras in Kenya graze at dawn, before the heat of the day.")],
    REMOTE_APP_URL,
  );
  zebrasId = zebras.body.documents?.[0].id as string;
});

test("an answer streams in from DBRX, cites its passage, and the citation opens the right page", async ({
  page,
  request,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await expect(page.getByTestId("mode-label")).toContainText("databricks-dbrx-instruct");
  await chat.ask("When does the keeper polish the Fresnel lens?");
  const answer = await chat.answer();
  // The test model quotes the first passage it was sent: proof the retrieved passage reached the prompt.
  expect(answer).toMatch(/Passage \d says/);
  expect(answer).toContain("polishes the Fresnel lens every Tuesday at dawn");
  const cited = Number(answer.match(/Passage (\d) says/)?.[1]);

  await expect(
    chat.lastAnswer().locator(`[data-testid="citation"][data-citation="${cited}"]`),
  ).toHaveAttribute("data-document-id", lighthouseId);
  const panel = await chat.openCitation(chat.lastAnswer(), cited);
  await expect(panel.getByTestId("citation-document")).toHaveText("lighthouse.pdf");
  // The passage may span a page break; its page range must include page 3, where the sentence is.
  const pages =
    ((await panel.getByTestId("citation-page").textContent()) ?? "").match(/\d+/g)?.map(Number) ?? [];
  expect(pages.length).toBeGreaterThan(0);
  expect(Math.min(...pages)).toBeLessThanOrEqual(3);
  expect(Math.max(...pages)).toBeGreaterThanOrEqual(3);
  expect(Math.max(...pages) - Math.min(...pages)).toBeLessThanOrEqual(2);
  await expect(panel.getByTestId("citation-text")).toContainText("Fresnel lens every Tuesday");
  await panel.getByTestId("citation-close").click();
  await expect(panel).toBeHidden();
  await expect(page.getByTestId("context-usage")).toContainText("32,768");

  const completion = (await recorded(request))
    .filter((entry) => entry.path === "/serving-endpoints/chat/completions")
    .at(-1);
  expect((completion?.body as { model?: string } | undefined)?.model).toBe("databricks-dbrx-instruct");
});

test("a follow-up is understood with the conversation's history", async ({ page, request }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("Tell me about the Fresnel lens on the island");
  await chat.answer();
  await chat.ask("What cloth is used for it?");
  const answer = await chat.answer();
  expect(answer).toContain("chamois cloth");
  expect(answer).toContain("2 earlier messages");
  // The follow-up was rewritten with the conversation (a non-streamed call) before retrieval.
  const condense = (await recorded(request))
    .filter(
      (entry) =>
        entry.path.endsWith("/chat/completions") && (entry.body as { stream?: boolean }).stream !== true,
    )
    .at(-1);
  expect(JSON.stringify(condense?.body)).toContain("What cloth is used for it?");
  expect(JSON.stringify(condense?.body)).toContain("Tell me about the Fresnel lens on the island");
});

test("stop ends a long answer and aborts the model request", async ({ page, request }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask(`Explain the lighthouse in detail ${TRIGGERS.longAnswer}`);
  const text = chat.lastAnswer().getByTestId("message-text");
  await expect(text).toContainText("word20", { timeout: 15_000 });
  await page.getByTestId("stop-button").click();
  await expect(page.getByTestId("stop-button")).toHaveCount(0);
  const stoppedAt = ((await text.textContent()) ?? "").length;
  await page.waitForTimeout(500);
  expect(((await text.textContent()) ?? "").length).toBe(stoppedAt);
  expect((await text.textContent()) ?? "").not.toContain("word399");
  await expect
    .poll(
      async () =>
        (await recorded(request))
          .filter((entry) => JSON.stringify(entry.body).includes(TRIGGERS.longAnswer))
          .at(-1)?.aborted,
    )
    .toBe(true);

  // Asking on at once works: the stopped answer is kept, and the next turn carries on from it.
  await chat.ask("Where does the lighthouse stand?");
  expect(await chat.answer()).not.toBe("");
  await expect(page.getByTestId("chat-error")).toHaveCount(0);
  await expect(chat.assistantMessages).toHaveCount(2);
});

test("the view follows a streaming answer until the person scrolls up, and Jump to latest follows it again", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1000, height: 560 });
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask(`Recite the lighthouse log ${TRIGGERS.longAnswer}`);
  const text = chat.lastAnswer().getByTestId("message-text");
  const scroller = page.getByRole("region", { name: "Conversation" }).locator("..");
  const fromEnd = () =>
    scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
  const overflows = () => scroller.evaluate((element) => element.scrollHeight > element.clientHeight + 100);

  await expect(text).toContainText("word120", { timeout: 15_000 });
  await expect.poll(overflows).toBe(true);
  // Within a line or so of the end while it grows (the view glides after each new line).
  await expect.poll(fromEnd).toBeLessThan(40);
  await expect(page.getByTestId("jump-to-latest")).toHaveCount(0);

  // Scrolling up to read: the view stays where the person put it while the answer grows.
  await scroller.hover();
  await page.mouse.wheel(0, -400);
  await expect(page.getByTestId("jump-to-latest")).toBeVisible();
  const readingAt = await scroller.evaluate((element) => element.scrollTop);
  await expect(text).toContainText("word220", { timeout: 15_000 });
  expect(await scroller.evaluate((element) => element.scrollTop)).toBeLessThanOrEqual(readingAt + 1);
  expect(await fromEnd()).toBeGreaterThan(100);

  // Jump to latest: back at the end, and following again until the answer is complete.
  await page.getByTestId("jump-to-latest").click();
  await expect(page.getByTestId("jump-to-latest")).toHaveCount(0);
  await expect(text).toContainText("word399", { timeout: 20_000 });
  await expect(page.getByTestId("stop-button")).toHaveCount(0);
  await expect.poll(fromEnd).toBeLessThan(2);
});

test("a chat scoped to one document only cites that document", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.scopeTo([zebrasId]);
  await chat.ask("What happens at dawn?");
  const answer = await chat.answer();
  expect(answer).toContain("Zebras in Kenya graze at dawn");
  const citations = chat.lastAnswer().getByTestId("citation");
  await expect(citations.first()).toBeVisible();
  for (const citation of await citations.all())
    await expect(citation).toHaveAttribute("data-document-id", zebrasId);
});

test("documents off, and the compare view side by side", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await page.getByTestId("use-documents-switch").click();
  await chat.ask("When does the keeper polish the Fresnel lens?");
  expect(await chat.answer()).toContain("without passages");
  await expect(chat.lastAnswer().getByTestId("citation")).toHaveCount(0);

  await page.getByTestId("compare-button").last().click();
  const compare = page.getByTestId("compare-view");
  await expect(compare.getByTestId("compare-with-documents")).toContainText("Fresnel lens every Tuesday", {
    timeout: 15_000,
  });
  await expect(compare.getByTestId("compare-without-documents")).toContainText("without passages");
  await compare.getByTestId("compare-close").click();
  await expect(compare).toBeHidden();
});

test("a rate-limited model gives a readable error whose retry gets the answer once the model is free", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  // The stand-in refuses this question's first three calls: the SDK's call and its two retries.
  await chat.ask(`How often is the Fresnel lens polished? ${TRIGGERS.busyThrice} ${Date.now()}`);
  const error = page.getByTestId("chat-error");
  await expect(error).toContainText(/rate limiting/i, { timeout: 30_000 });
  await error.getByTestId("retry-button").click();
  await expect(error).toBeHidden();
  expect(await chat.answer()).toMatch(/Fresnel lens/);
  await expect(chat.lastAnswer().getByTestId("citation").first()).toBeVisible();
});
