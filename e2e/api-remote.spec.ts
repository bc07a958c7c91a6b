import { expect, test } from "@playwright/test";
import { MODEL_URL, REMOTE_APP_URL } from "../playwright.config";
import { listDocuments, retrieveFrom } from "./support/api";
import { textFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { FAIL_MARKER, type RecordedRequest, TEST_TOKEN } from "./support/openai-compatible-server";

test.describe.configure({ mode: "serial" });

async function embeddingRequests(request: import("@playwright/test").APIRequestContext) {
  const all = (await (await request.get(`${MODEL_URL}/requests`)).json()) as RecordedRequest[];
  return all.filter((recorded) => recorded.path === "/serving-endpoints/embeddings");
}

test("chunks are embedded by the workspace's databricks-gte-large-en endpoint with its token", async ({
  request,
}) => {
  const health = await (await request.get(`${REMOTE_APP_URL}/api/health`)).json();
  expect(health.embeddings).toMatchObject({ id: "databricks:databricks-gte-large-en", offline: false });
  expect(health.model).toMatchObject({ id: "databricks:databricks-dbrx-instruct", offline: false });
  expect(JSON.stringify(health)).not.toContain(TEST_TOKEN);

  const { status, body } = await uploadIndexed(
    request,
    [textFile("tides.txt", "Spring tides happen at full and new moon.")],
    REMOTE_APP_URL,
  );
  expect(status).toBe(202);
  const sent = await embeddingRequests(request);
  const withChunk = sent.find((recorded) => JSON.stringify(recorded.body).includes("Spring tides happen"));
  expect(withChunk?.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  expect(withChunk?.body).toMatchObject({
    model: "databricks-gte-large-en",
    // Embedded under its document's title; the passage itself is stored as written.
    input: ["tides\n\nSpring tides happen at full and new moon."],
  });

  const { body: found } = await retrieveFrom(request, { query: "spring tides moon" }, REMOTE_APP_URL);
  expect(found.results?.[0].documentId).toBe(body.documents?.[0].id);
});

test("an embedder failure midway leaves the document absent and says why", async ({ request }) => {
  const paragraphs = Array.from({ length: 300 }, (_, n) => `Section ${n} covers item ${n} thoroughly.`);
  paragraphs[290] = `${FAIL_MARKER} here.`;
  const before = await listDocuments(request, REMOTE_APP_URL);
  const { status, body } = await uploadIndexed(
    request,
    [textFile("doomed.md", paragraphs.join("\n\n"), "text/markdown")],
    REMOTE_APP_URL,
  );
  // Stored and queued; the job is retried, then fails with the reason on the document.
  expect(status).toBe(202);
  const [doomed] = body.documents ?? [];
  expect(doomed).toMatchObject({ status: "failed", error: expect.stringMatching(/embedding endpoint/) });
  expect(
    (await listDocuments(request, REMOTE_APP_URL)).filter((document) => document.status === "ready"),
  ).toEqual(before.filter((document) => document.status === "ready"));
  const { body: found } = await retrieveFrom(
    request,
    { query: "Section 5 covers item 5", k: 20 },
    REMOTE_APP_URL,
  );
  expect(found.results?.some((result) => result.documentName === "doomed.md")).toBe(false);
});

async function rerankRequests(request: import("@playwright/test").APIRequestContext) {
  const all = (await (await request.get(`${MODEL_URL}/requests`)).json()) as RecordedRequest[];
  return all.filter((recorded) => JSON.stringify(recorded.body).includes("You rank passages"));
}

test("hybrid search: an error code is found first through the lexical index, exact search on request, DBRX reranks once per search", async ({
  request,
}) => {
  const files = Array.from({ length: 8 }, (_, n) =>
    textFile(`valve-${n}.txt`, `The valve controller shows fault code F${4400 + n} when the seal leaks.`),
  );
  const { body } = await uploadIndexed(request, files, REMOTE_APP_URL);
  const idOf = (name: string) => body.documents?.find((document) => document.name === name)?.id;

  const approximate = await retrieveFrom(request, { query: "F4405", k: 4 }, REMOTE_APP_URL);
  expect(approximate.body).toMatchObject({ search: "approximate", methods: ["lexical", "dense"] });
  expect(approximate.body.results?.[0].documentId).toBe(idOf("valve-5.txt"));
  // Fused: the dense side adds neighbours that do not hold the code.
  expect(approximate.body.results).toHaveLength(4);

  const exact = await retrieveFrom(request, { query: "F4405", k: 4, exact: true }, REMOTE_APP_URL);
  expect(exact.body.search).toBe("exact");
  expect(exact.body.results?.[0].documentId).toBe(idOf("valve-5.txt"));

  // Words no passage holds: only the dense side answers, so the order is not clear-cut and DBRX ranks it.
  const before = (await rerankRequests(request)).length;
  const vague = { query: "which gasket part wears out first", k: 4 };
  const first = await retrieveFrom(request, vague, REMOTE_APP_URL);
  expect(first.body.reranked).toBe("model");
  const sent = (await rerankRequests(request)).slice(before);
  expect(sent).toHaveLength(1);
  expect(JSON.stringify(sent[0].body)).toContain("which gasket part wears out first");
  // The same search again is answered from the cache: no second request.
  const again = await retrieveFrom(request, vague, REMOTE_APP_URL);
  expect(again.body.results).toEqual(first.body.results);
  expect((await rerankRequests(request)).length).toBe(before + 1);
});

test("the search panel's exact switch makes the search score every passage, and says so", async ({
  page,
  request,
}) => {
  await uploadIndexed(
    request,
    [textFile("switch.txt", "The kiln reaches cone 6 after eleven hours of firing.")],
    REMOTE_APP_URL,
  );
  await page.goto(REMOTE_APP_URL);
  await page.getByTestId("search-input").fill("kiln firing hours");
  await page.getByTestId("search-submit").click();
  await expect(page.getByTestId("search-result").first()).toContainText("kiln reaches cone 6");
  await expect(page.getByTestId("search-mode")).toHaveText(/approximate search/);

  await page.getByTestId("search-exact").check();
  await page.getByTestId("search-submit").click();
  await expect(page.getByTestId("search-mode")).toHaveText(/· exact search/);
  await expect(page.getByTestId("search-result").first()).toContainText("kiln reaches cone 6");
});
