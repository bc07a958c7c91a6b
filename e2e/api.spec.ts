import { expect, test } from "@playwright/test";
import { E2E_MAX_UPLOAD_MB } from "../playwright.config";
import { listDocuments, retrieveFrom, upload } from "./support/api";
import { fixture, pdfFile, textFile } from "./support/files";
import { uploadIndexed } from "./support/indexed";
import { makeDocx } from "./support/make-docx";
import { makeScannedPdf } from "./support/make-pdf";

test.describe.configure({ mode: "serial" });

test("health reports Chroma, the database and the offline providers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const health = await response.json();
  expect(health).toMatchObject({
    status: "ok",
    chroma: { ok: true },
    database: { ok: true, kind: "pglite" },
    embeddings: { offline: true },
    model: { configured: false },
  });
});

test("a real manual is indexed, retrieved from its page, scoped, re-uploaded idempotently and deleted", async ({
  request,
}) => {
  const flex = pdfFile("flex-manual.pdf", fixture("flex-manual.pdf"));
  const created = await uploadIndexed(request, [flex]);
  expect(created.status).toBe(202);
  const [manual] = created.body.documents ?? [];
  expect(manual).toMatchObject({
    name: "flex-manual.pdf",
    kind: "pdf",
    pages: 140,
    bytes: flex.buffer.length,
    status: "ready",
  });
  expect(manual.chunks).toBeGreaterThan(100);
  expect((await listDocuments(request)).map((document) => document.id)).toContain(manual.id);

  const { body: found, serverTiming } = await retrieveFrom(request, {
    query: "How much memory does the input buffer take?",
    k: 5,
  });
  // Where the search's time went, for a browser's network panel and the bench.
  for (const phase of ["ratelimit", "sync", "lexical", "texts", "rerank", "total"])
    expect(serverTiming).toMatch(new RegExp(`(^|, )${phase};dur=\\d+(\\.\\d+)?(,|$)`));
  const hit = found.results?.find((result) => result.text.includes("16kB for the input buffer"));
  expect(hit).toMatchObject({ documentId: manual.id, documentName: "flex-manual.pdf", page: 71 });
  const scores = (found.results ?? []).map((result) => result.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  // Offline, the exact lexical index leads alone, reranked by term proximity and headings.
  expect(found).toMatchObject({ search: "exact", methods: ["lexical"], reranked: "lexical" });
  // Each passage says which section of the manual it is in.
  expect(hit?.section).toMatch(/Memory/i);
  const fused = await retrieveFrom(request, {
    query: "How much memory does the input buffer take?",
    k: 5,
    rerank: false,
  });
  expect(fused.body.reranked).toBeNull();
  expect(fused.body.results?.some((result) => result.text.includes("16kB for the input buffer"))).toBe(true);

  const other = await uploadIndexed(request, [
    textFile("notes.txt", "Flex buffers are discussed elsewhere; input buffer notes."),
  ]);
  const notesId = other.body.documents?.[0].id as string;
  const scoped = await retrieveFrom(request, { query: "input buffer", k: 10, documentIds: [notesId] });
  expect(scoped.body.results?.map((result) => result.documentId)).toEqual([notesId]);

  const again = await upload(request, [pdfFile("flex (copy).pdf", flex.buffer)]);
  expect(again.status).toBe(200);
  expect(again.body.documents?.[0]).toMatchObject({ id: manual.id, duplicate: true, chunks: manual.chunks });
  expect((await listDocuments(request)).filter((document) => document.name.startsWith("flex"))).toHaveLength(
    1,
  );

  const deleted = await request.delete(`/api/documents/${manual.id}`);
  expect(deleted.status()).toBe(200);
  const after = await retrieveFrom(request, { query: "How much memory does the input buffer take?", k: 10 });
  expect(after.body.results?.some((result) => result.documentId === manual.id)).toBe(false);
  expect(after.body.results?.some((result) => result.documentId === notesId)).toBe(true);
  expect((await request.delete(`/api/documents/${manual.id}`)).status()).toBe(404);
});

test("several files in one request: Markdown and DOCX", async ({ request }) => {
  const { status, body } = await uploadIndexed(request, [
    textFile(
      "guide.md",
      "# Setup\n\nInstall the trebuchet on a flat surface.\n\n## Care\n\nOil the axle monthly.",
      "text/markdown",
    ),
    {
      name: "memo.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: makeDocx(["Memo", "The zeppelin hangar opens at dawn."]),
    },
  ]);
  expect(status).toBe(202);
  expect(body.documents?.map((document) => [document.name, document.kind, document.pages])).toEqual([
    ["guide.md", "markdown", null],
    ["memo.docx", "docx", null],
  ]);
  const { body: found } = await retrieveFrom(request, { query: "when does the hangar open", k: 1 });
  expect(found.results?.[0]).toMatchObject({ documentName: "memo.docx", page: null });
  expect(found.results?.[0].text).toContain("zeppelin hangar opens at dawn");
});

test("bad files get clear errors and nothing already stored is lost", async ({ request }) => {
  const before = await listDocuments(request);

  const unsupported = await upload(request, [
    { name: "photo.png", mimeType: "image/png", buffer: Buffer.from([137, 80, 78, 71]) },
  ]);
  expect(unsupported.status).toBe(415);
  expect(unsupported.body.error).toMatch(/PDF, DOCX, XLSX, PPTX, HTML, CSV, Markdown/);

  const big = Buffer.alloc((E2E_MAX_UPLOAD_MB + 1) * 1024 * 1024, 97);
  const tooLarge = await upload(request, [textFile("huge.txt", big.toString())]);
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.body.error).toContain(`${E2E_MAX_UPLOAD_MB} MB`);

  const cases = [
    { file: textFile("empty.txt", ""), message: /empty/ },
    {
      file: pdfFile("broken.pdf", Buffer.from("%PDF-1.7\ngarbage\n%%EOF")),
      message: /damaged|not really a PDF/,
    },
    { file: pdfFile("locked.pdf", fixture("encrypted.pdf")), message: /password/ },
    {
      file: pdfFile("scan.pdf", await makeScannedPdf(2)),
      message: /no readable text: OCR found none on its 2 pages/,
    },
  ];
  // An empty file is refused at the door; the others are stored and queued, and their jobs fail
  // with the reason on the document.
  const failedIds: string[] = [];
  for (const { file, message } of cases) {
    const result = await uploadIndexed(request, [file]);
    const [document] = result.body.documents ?? [];
    if (file.name === "empty.txt") {
      expect(result.status, file.name).toBe(422);
      expect(result.body.error).toMatch(message);
    } else {
      expect(result.status, file.name).toBe(202);
      expect(document, file.name).toMatchObject({ status: "failed", error: expect.stringMatching(message) });
      failedIds.push(document.id);
    }
  }

  const mixed = await uploadIndexed(request, [
    textFile("good.txt", "Sturgeon live for a century."),
    textFile("bad.txt", ""),
  ]);
  expect(mixed.status).toBe(422);
  expect(mixed.body.documents?.map((document) => document.status)).toEqual(["ready", "failed"]);

  const after = await listDocuments(request);
  expect(
    after
      .filter((document) => document.status === "ready")
      .map((document) => document.id)
      .sort(),
  ).toEqual([...before.map((document) => document.id), mixed.body.documents?.[0].id].sort());
  expect(
    after
      .filter((document) => document.status === "failed")
      .map((document) => document.id)
      .sort(),
  ).toEqual(failedIds.sort());
  for (const id of failedIds) expect((await request.delete(`/api/documents/${id}`)).status()).toBe(200);
});

test("malformed requests are answered 400", async ({ request }) => {
  const notJson = await request.post("/api/retrieve", {
    data: Buffer.from("{not json"),
    headers: { "content-type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error).toMatch(/JSON/);
  expect((await retrieveFrom(request, { query: "   " })).status).toBe(400);
  expect((await retrieveFrom(request, { query: "x", k: 0 })).status).toBe(400);
  expect((await retrieveFrom(request, { query: "x", documentIds: ["not-an-id"] })).status).toBe(400);
  const badExact = await retrieveFrom(request, { query: "x", exact: "yes" });
  expect(badExact.status).toBe(400);
  expect(badExact.body.error).toMatch(/exact/);
  expect((await retrieveFrom(request, { query: "x", rerank: 1 })).status).toBe(400);
  const noFile = await request.post("/api/documents", { multipart: { note: "no file here" } });
  expect(noFile.status()).toBe(400);
  expect((await request.delete("/api/documents/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
  // A path that is not a document id is an unknown document on every route under it.
  for (const answer of [
    await request.get("/api/documents/not-an-id"),
    await request.get("/api/documents/not-an-id/file"),
    await request.delete("/api/documents/not-an-id"),
  ]) {
    expect(answer.status()).toBe(404);
    expect((await answer.json()).error).toBe("No document with that id.");
  }
});

test("an upload answers 202 at once; GET /api/documents/{id} follows its progress to ready; the original downloads", async ({
  request,
}) => {
  const bytes = fixture("libtasn1-manual.pdf");
  const uploaded = await upload(request, [pdfFile("libtasn1-manual.pdf", bytes)]);
  expect(uploaded.status).toBe(202);
  const [queued] = uploaded.body.documents ?? [];
  expect(queued).toMatchObject({ name: "libtasn1-manual.pdf", status: "queued" });
  const seen: { status: string; pagesDone: number }[] = [];
  await expect
    .poll(
      async () => {
        const { document } = await (await request.get(`/api/documents/${queued.id}`)).json();
        seen.push({ status: document.status, pagesDone: document.progress.pagesDone });
        return document.status;
      },
      { timeout: 60_000, intervals: [50] },
    )
    .toBe("ready");
  const pages = seen.map((step) => step.pagesDone);
  expect(pages).toEqual([...pages].sort((a, b) => a - b));
  const { document } = await (await request.get(`/api/documents/${queued.id}`)).json();
  expect(document).toMatchObject({ pages: 36, progress: { pagesDone: 36, pageCount: 36 }, error: null });
  expect(document.progress.chunksDone).toBe(document.chunks);

  const file = await request.get(`/api/documents/${queued.id}/file`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toBe(`attachment; filename="libtasn1-manual.pdf"`);
  expect(Buffer.compare(await file.body(), bytes)).toBe(0);
  expect((await request.delete(`/api/documents/${queued.id}`)).status()).toBe(200);
  expect((await request.get(`/api/documents/${queued.id}/file`)).status()).toBe(404);
  expect((await request.get(`/api/documents/${queued.id}`)).status()).toBe(404);
});
