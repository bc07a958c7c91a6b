import { expect, test } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { textFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";

test("a chat is kept: listed, resumed after a reload, renamed, shared by link, revoked and deleted", async ({
  page,
  request,
  browser,
}) => {
  await uploadIndexed(request, [
    textFile("puffins.txt", "Atlantic puffins dig burrows on grassy cliff tops."),
  ]);
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("Where do puffins dig their burrows?");
  expect(await chat.answer()).toContain("grassy cliff tops");
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  const chatUrl = page.url();
  const chatId = chatUrl.split("/").pop() as string;

  const item = page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`);
  await expect(item.getByTestId("chat-title")).toHaveText("Where do puffins dig their burrows?");

  await page.reload();
  await expect(chat.lastAnswer().getByTestId("message-text")).toContainText("grassy cliff tops");
  await expect(chat.messages).toHaveCount(2);

  await item.getByTestId("rename-chat").click();
  await item.getByTestId("rename-input").fill("Puffins");
  await item.getByTestId("rename-input").press("Enter");
  await expect(item.getByTestId("chat-title")).toHaveText("Puffins");
  await page.reload();
  await expect(
    page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`).getByTestId("chat-title"),
  ).toHaveText("Puffins");

  const markdown = await request.get(`/api/chats/${chatId}/export?format=markdown`);
  expect(await markdown.text()).toContain("# Puffins");

  // Share: a fresh browser context (no session) reads the chat; after revoking, the link is gone.
  await item.getByTestId("share-chat").click();
  const link = await item.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/share\/[\w-]{43}$/);
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(link);
  await expect(visitorPage.getByTestId("shared-title")).toHaveText("Puffins");
  // The owner still sees the same link after a reload.
  await page.reload();
  await expect(item.getByTestId("share-link")).toHaveValue(link);
  // Starting a delete and cancelling it shows the same link again.
  await item.getByTestId("delete-chat").click();
  await item.getByRole("button", { name: "Cancel" }).click();
  await expect(item.getByTestId("share-link")).toHaveValue(link);
  await item.getByTestId("revoke-share").click();
  await expect(item.getByTestId("share-chat")).toBeVisible();
  expect((await visitorPage.goto(link))?.status()).toBe(404);
  await visitor.close();

  const again = page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`);
  await again.getByTestId("delete-chat").click();
  await again.getByTestId("confirm-delete-chat").click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`)).toHaveCount(0);
  expect((await request.get(`/api/chats/${chatId}`)).status()).toBe(404);
  // The old address of a deleted chat is a real 404, not a page that only looks missing.
  expect((await page.goto(chatUrl))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a chat open in two tabs: the tab that fell behind is told to reload, and nothing is lost", async ({
  context,
}) => {
  const first = new ChatPage(await context.newPage());
  await first.goto();
  await first.ask("Where do puffins dig their burrows?");
  await first.answer();
  await expect(first.page).toHaveURL(/\/chat\/[\w-]+$/);
  const chatUrl = first.page.url();

  const second = new ChatPage(await context.newPage());
  await second.page.goto(chatUrl);
  await second.ask("What do puffins eat?");
  await second.answer();

  await first.ask("How long do puffins live?");
  await expect(first.page.getByTestId("chat-error")).toContainText(/changed in another tab or window/);
  await first.page.reload();
  // Both earlier turns are there, and the refused question was not saved over them.
  await expect(first.page.locator('[data-testid="message"][data-role="user"]')).toHaveText([
    /Where do puffins dig their burrows\?$/,
    /What do puffins eat\?$/,
  ]);
});
