import { expect, test } from "@playwright/test";
import { LOCKED_APP_URL, LOCKED_PASSWORD } from "../playwright.config";

test.use({ baseURL: LOCKED_APP_URL });

test("with APP_PASSWORD a fresh visitor is sent to sign-in and cannot reach the APIs", async ({
  page,
  request,
}) => {
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fchat/);
  for (const [method, path] of [
    ["GET", "/api/documents"],
    ["POST", "/api/retrieve"],
    ["POST", "/api/chat"],
    ["GET", "/api/chats"],
  ] as const) {
    const response = await request.fetch(path, { method, data: method === "POST" ? {} : undefined });
    expect(response.status(), path).toBe(401);
    expect((await response.json()).error).toMatch(/Sign in/);
  }
  expect((await request.get("/api/health")).status()).toBe(200);

  await page.getByTestId("password-input").fill("wrong");
  await page.getByTestId("sign-in-button").click();
  await expect(page.getByTestId("sign-in-error")).toBeVisible();

  await page.getByTestId("password-input").fill(LOCKED_PASSWORD);
  await page.getByTestId("sign-in-button").click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByTestId("chat-input")).toBeVisible();
  const cookie = (await page.context().cookies()).find((entry) => entry.name === "session");
  expect(cookie?.httpOnly).toBe(true);
  // The browser now sends the cookie with its own requests.
  expect(await page.evaluate(async () => (await fetch("/api/documents")).status)).toBe(200);
  await expect(page.getByTestId("open-access-badge")).toHaveCount(0);

  await page.getByTestId("sign-out-button").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.context().cookies()).some((entry) => entry.name === "session")).toBe(false);
  expect(await page.evaluate(async () => (await fetch("/api/documents")).status)).toBe(401);
});

test("chat requests over the per-client limit get a readable 429", async ({ request }) => {
  const signIn = await request.post("/api/auth/sign-in", { data: { password: LOCKED_PASSWORD } });
  expect(signIn.status()).toBe(200);
  const statuses: number[] = [];
  let message = "";
  let retryAfter: string | undefined;
  for (let n = 0; n < 5; n++) {
    const response = await request.post("/api/chat", {
      headers: { "x-forwarded-for": "203.0.113.9" },
      data: {
        id: `limit-${n}`,
        trigger: "submit-message",
        messages: [{ id: "q", role: "user", parts: [{ type: "text", text: "hello" }] }],
      },
    });
    statuses.push(response.status());
    if (response.status() === 429) {
      message = (await response.json()).error;
      retryAfter = response.headers()["retry-after"];
    } else await response.text();
  }
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
  expect(message).toMatch(/at most 3 a minute.*Try again in \d+ s/);
  // The wait the message gives, in the header that HTTP clients read.
  expect(retryAfter).toBe(message.match(/Try again in (\d+) s/)?.[1]);
});

test("with APP_PASSWORD a shared link still opens for someone who is not signed in", async ({
  request,
  browser,
}) => {
  expect((await request.post("/api/auth/sign-in", { data: { password: LOCKED_PASSWORD } })).status()).toBe(
    200,
  );
  const id = `locked-share-${Date.now()}`;
  const question = {
    id: "q",
    role: "user",
    parts: [{ type: "text", text: "Is this chat readable by link?" }],
  };
  await (
    await request.post("/api/chat", { data: { id, trigger: "submit-message", messages: [question] } })
  ).text();
  const { path } = await (await request.post(`/api/chats/${id}/share`)).json();

  const visitor = await browser.newContext({ baseURL: LOCKED_APP_URL });
  const page = await visitor.newPage();
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByTestId("shared-title")).toHaveText("Is this chat readable by link?");
  // The link opens that chat only: the rest of the app still asks for the password, documents too.
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fchat/);
  const anyDocument = "00000000-0000-4000-8000-000000000000";
  for (const part of ["file", "text", "ocr?page=1"]) {
    expect((await page.request.get(`/api/documents/${anyDocument}/${part}`)).status()).toBe(401);
  }
  await page.goto(`/documents/${anyDocument}?page=2`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdocuments%2F/);
  await visitor.close();
});

test("wrong passwords slow sign-in down but never lock the right one out", async ({ request }) => {
  const guesser = { "x-forwarded-for": "203.0.113.50" };
  for (let n = 0; n < 5; n++) {
    const wrong = await request.post("/api/auth/sign-in", {
      headers: guesser,
      data: { password: `guess ${n}` },
    });
    expect(wrong.status()).toBe(401);
    expect((await wrong.json()).error).toBe("Wrong password.");
  }
  // The right password still gets in, after a wait: guesses slow it down, they never refuse it.
  const right = await request.post("/api/auth/sign-in", {
    headers: guesser,
    data: { password: LOCKED_PASSWORD },
  });
  expect(right.status()).toBe(200);
  expect(await right.json()).toEqual({ signedIn: true });
});
