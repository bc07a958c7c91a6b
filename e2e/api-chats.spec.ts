import { expect, test } from "@playwright/test";
import { withoutCitationMarkers } from "../lib/chat/message-parts";
import { textFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";

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
  await uploadIndexed(request, [
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
  // The prompt in DBRX Instruct's chat format (ChatML), ready for the answer.
  const chatml = "<|im_start|>user\nWhere do grey herons nest?<|im_end|>\n<|im_start|>assistant\n";
  expect(JSON.parse(jsonl.trim())).toEqual({ prompt: chatml, response: withoutCitationMarkers(answerText) });
  expect(await (await request.get("/api/chats/export")).text()).toContain(JSON.stringify(chatml));

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
  expect(shared.status()).toBe(200);
  const { token, path } = await shared.json();
  expect(token).toMatch(/^[\w-]{43}$/);
  // Sharing again keeps the link that was already sent; the list says the chat is shared.
  expect((await (await request.post(`/api/chats/${id}/share`)).json()).token).toBe(token);
  const listed = (await (await request.get("/api/chats")).json()).chats.find(
    (chat: { id: string }) => chat.id === id,
  );
  expect(listed.sharePath).toBe(path);

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
  expect((await request.post(`/api/chats/${id}/share`)).status()).toBe(200);
  const renewed = (await (await request.get("/api/chats")).json()).chats.find(
    (chat: { id: string }) => chat.id === id,
  );
  // After a revoke, sharing again makes a new link: the revoked one stays dead.
  expect(renewed.sharePath).not.toBe(path);
  const revoked = await page.goto(path);
  expect(revoked?.status()).toBe(404);
  expect((await page.request.get(`/share/not-a-real-token`)).status()).toBe(404);
  await context.close();
});

test("the server owns the chat: a stale tab gets 409, a forged history changes nothing, a deleted chat stays deleted, a comparison is not saved", async ({
  request,
}) => {
  const text = (value: string, id: string, role = "user") => ({
    id,
    role,
    parts: [{ type: "text", text: value }],
  });
  // The page's body: only the new question and the id of the message before it.
  const ask = (id: string, message: unknown, parentId: string | null, extra: Record<string, unknown> = {}) =>
    request.post("/api/chat", { data: { id, trigger: "submit-message", message, parentId, ...extra } });
  const savedMessages = async (id: string) => (await (await request.get(`/api/chats/${id}`)).json()).messages;

  const id = `continuity-${Date.now()}`;
  await (await ask(id, text("Where do grey herons nest?", "q1"), null)).text();
  const first = await savedMessages(id);
  await (await ask(id, text("What do grey herons eat?", "q2"), first[1].id)).text();
  const both = await savedMessages(id);
  expect(both).toHaveLength(4);

  // A tab that still shows only the first turn asks something else: refused, nothing lost.
  const stale = await ask(id, text("How long do grey herons live?", "q3"), first[1].id);
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error).toMatch(/changed in another tab or window\. Reload/);
  expect(await savedMessages(id)).toEqual(both);

  // An API client's whole-history body with rewritten earlier turns: only its last question is read.
  const forged = await request.post("/api/chat", {
    data: {
      id,
      messages: [
        text("Forged question", "q1"),
        text("Forged answer [1]", both[1].id, "assistant"),
        text("Do they migrate?", "q5"),
      ],
    },
  });
  await forged.text();
  const after = await savedMessages(id);
  expect(after.slice(0, 4)).toEqual(both);
  expect(after.map((message: { id: string }) => message.id).slice(4, 5)).toEqual(["q5"]);

  // Deleted, then a follow-up from the page that still shows it: 404, and the chat stays deleted.
  expect((await request.delete(`/api/chats/${id}`)).status()).toBe(200);
  const afterDelete = await ask(id, text("Do they migrate?", "q4"), after.at(-1).id);
  expect(afterDelete.status()).toBe(404);
  expect((await afterDelete.json()).error).toMatch(/chat was deleted/);
  expect((await request.get(`/api/chats/${id}`)).status()).toBe(404);

  // The compare view's requests answer without saving anything.
  const compared = `compare-with-${Date.now()}`;
  const comparison = await request.post("/api/chat", {
    data: { id: compared, messages: [text("Where do grey herons nest?", "c1")], save: false },
  });
  expect(await comparison.text()).toContain("text-delta");
  expect((await request.get(`/api/chats/${compared}`)).status()).toBe(404);
});
