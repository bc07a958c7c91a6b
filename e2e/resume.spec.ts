import { expect, test } from "@playwright/test";
import { MODEL_URL, REDIS_APP_URL, REMOTE_APP_URL } from "../playwright.config";
import { ChatPage } from "./pages/chat-page";
import { type RecordedRequest, TRIGGERS } from "./support/openai-compatible-server";

// The stand-in streams a 400-word answer to this, a word every 25 ms: about ten seconds.
const LONG_QUESTION = `Recite the long test answer ${TRIGGERS.longAnswer}`;

for (const [store, baseURL] of [
  ["in the process", REMOTE_APP_URL],
  ["in Redis", REDIS_APP_URL],
] as const) {
  test.describe(`answers in progress kept ${store}`, () => {
    test.use({ baseURL });

    test("a reload during an answer reconnects to it, and a second tab follows it too", async ({
      page,
      context,
      request,
    }) => {
      const chat = new ChatPage(page);
      await chat.goto();
      await chat.ask(LONG_QUESTION);
      const answerText = chat.lastAnswer().getByTestId("message-text");
      await expect(answerText).toContainText("word20", { timeout: 30_000 });
      // The chat is saved as its answer starts, so its address is known before the answer ends.
      await expect(page).toHaveURL(/\/chat\/[^/]+$/);
      const chatPath = new URL(page.url()).pathname;

      await page.reload();
      await expect(chat.messages.filter({ hasText: LONG_QUESTION })).toHaveCount(1);
      const second = await context.newPage();
      await second.goto(chatPath);
      const secondChat = new ChatPage(second);
      await expect(secondChat.lastAnswer().getByTestId("message-text")).toContainText("word", {
        timeout: 30_000,
      });

      // Both pages receive the whole answer, from its first word to its last.
      for (const view of [chat, secondChat]) {
        const text = view.lastAnswer().getByTestId("message-text");
        await expect(text).toContainText("word399", { timeout: 30_000 });
        await expect(text).toContainText("word0 word1 word2");
        await expect(view.assistantMessages).toHaveCount(1);
      }
      // Nothing runs any more: reconnecting answers 204, and a reload shows the saved answer once.
      const id = chatPath.split("/").at(-1) as string;
      expect((await request.get(`${baseURL}/api/chat/${id}/stream`)).status()).toBe(204);
      await page.reload();
      await expect(chat.assistantMessages).toHaveCount(1);
      await expect(chat.lastAnswer().getByTestId("message-text")).toContainText("word399");
    });

    test("stop ends the model call and keeps what was written, with resume on", async ({ page, request }) => {
      const chat = new ChatPage(page);
      await chat.goto();
      const question = `${LONG_QUESTION} ${Date.now()}`;
      await chat.ask(question);
      await expect(chat.lastAnswer().getByTestId("message-text")).toContainText("word10", {
        timeout: 30_000,
      });
      await page.getByTestId("stop-button").click();
      await expect(page.getByTestId("stop-button")).toHaveCount(0);
      await expect
        .poll(async () => {
          const requests = (await (await request.get(`${MODEL_URL}/requests`)).json()) as RecordedRequest[];
          return requests.filter((r) => JSON.stringify(r.body).includes(question)).at(-1)?.aborted;
        })
        .toBe(true);
      // The partial answer is saved by the server as its stream ends: a reload shows it, never its end.
      const id = new URL(page.url()).pathname.split("/").at(-1) as string;
      await expect
        .poll(
          async () =>
            ((await (await request.get(`${baseURL}/api/chats/${id}`)).json()).messages ?? []).length,
        )
        .toBe(2);
      await page.reload();
      const saved = chat.lastAnswer().getByTestId("message-text");
      await expect(saved).toContainText("word10");
      await expect(saved).not.toContainText("word399");
    });
  });
}
