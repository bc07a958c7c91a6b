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
    input: ["Spring tides happen at full and new moon."],
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
