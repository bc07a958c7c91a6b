import { expect, test } from "@playwright/test";
import { upload } from "./support/api";
import { textFile } from "./support/files";

test.describe.configure({ mode: "serial" });

const chatId = `api-chat-${Date.now()}`;

async function ask(request: import("@playwright/test").APIRequestContext, messages: unknown[]) {
  const response = await request.post("/api/chat", {
    data: { id: chatId, trigger: "submit-message", messages },
  });
  expect(response.status()).toBe(200);
  return response.text();
}

test("a chat is saved as it is answered, listed, renamed, exported and deleted", async ({ request }) => {
  await upload(request, [
    textFile("herons.txt", "Grey herons nest in colonies called heronries, high in tall trees."),
  ]);
  const question = { id: "q1", role: "user", parts: [{ type: "text", text: "Where do grey herons nest?" }] };
  await ask(request, [question]);

  const listed = (await (await request.get("/api/chats")).json()).chats;
  expect(listed[0]).toMatchObject({ id: chatId, title: "Where do grey herons nest?" });

  const saved = await (await request.get(`/api/chats/${chatId}`)).json();
  expect(saved.messages.map((message: { role: string }) => message.role)).toEqual(["user", "assistant"]);
  const answerText = saved.messages[1].parts.find((part: { type: string }) => part.type === "text").text;
  expect(answerText).toContain("heronries");

  const markdown = await request.get(`/api/chats/${chatId}/export?format=markdown`);
  expect(markdown.headers()["content-disposition"]).toContain("attachment");
  expect(await markdown.text()).toContain("## Question\n\nWhere do grey herons nest?");
  const jsonl = await (await request.get(`/api/chats/${chatId}/export?format=jsonl`)).text();
  expect(JSON.parse(jsonl.trim())).toEqual({ prompt: "Where do grey herons nest?", response: answerText });
  expect(await (await request.get("/api/chats/export")).text()).toContain(
    '"prompt":"Where do grey herons nest?"',
  );

  const renamed = await request.patch(`/api/chats/${chatId}`, { data: { title: "Herons" } });
  expect((await renamed.json()).chat.title).toBe("Herons");
  expect((await request.patch(`/api/chats/${chatId}`, { data: { title: "  " } })).status()).toBe(400);

  expect((await request.delete(`/api/chats/${chatId}`)).status()).toBe(200);
  expect((await request.get(`/api/chats/${chatId}`)).status()).toBe(404);
  expect((await request.get(`/api/chats/${chatId}/export`)).status()).toBe(404);
});

test("a shared link shows the chat read-only to anyone, until it is revoked", async ({
  request,
  browser,
}) => {
  const id = `shared-${Date.now()}`;
  await request.post("/api/chat", {
    data: {
      id,
      trigger: "submit-message",
      messages: [{ id: "q", role: "user", parts: [{ type: "text", text: "Where do grey herons nest?" }] }],
    },
  });
  const shared = await request.post(`/api/chats/${id}/share`);
  expect(shared.status()).toBe(201);
  const { token, path } = await shared.json();
  expect(token).toMatch(/^[\w-]{43}$/);

  // A fresh browser context: no cookies, nothing shared with the owner's session.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByTestId("shared-title")).toHaveText("Where do grey herons nest?");
  await expect(page.locator('[data-testid="message"][data-role="assistant"]')).toContainText("heronries");
  await expect(page.getByTestId("chat-input")).toHaveCount(0);
  await page.getByTestId("citation").first().click();
  await expect(page.getByTestId("citation-text")).toContainText("heronries");

  expect((await request.delete(`/api/chats/${id}/share`)).status()).toBe(200);
  const revoked = await page.goto(path);
  expect(revoked?.status()).toBe(404);
  expect((await page.request.get(`/share/not-a-real-token`)).status()).toBe(404);
  await context.close();
});
