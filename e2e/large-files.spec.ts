import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { APP_URL, E2E_MAX_UPLOAD_MB } from "../playwright.config";
import { listDocuments, retrieveFrom, upload } from "./support/api";
import { fixture, pdfFile, textFile } from "./support/files";
import { uploadIndexed, waitUntilIndexed } from "./support/indexed";
import { makeBulkyPdf } from "./support/make-bulky-pdf";
import { makeDocx } from "./support/make-docx";

// Real sizes through HTTP, at and over the limit the app promises (MAX_UPLOAD_MB, 50 here as by default).
test.describe.configure({ mode: "serial" });
const MB = 1024 * 1024;

test("12 MB and 40 MB PDFs upload, are indexed in the background and answer from their page", async ({
  request,
}) => {
  test.setTimeout(240_000);
  const source = fixture("flex-manual.pdf");
  for (const megabytes of [12, 40]) {
    const name = `flex-${megabytes}mb.pdf`;
    const bytes = await makeBulkyPdf({ source, totalBytes: megabytes * MB });
    const { status, body } = await uploadIndexed(request, [pdfFile(name, bytes)]);
    expect(status, name).toBe(202);
    const [document] = body.documents ?? [];
    expect(document, name).toMatchObject({ status: "ready", pages: 140, bytes: bytes.length });
    const { body: found } = await retrieveFrom(request, {
      query: "How much memory does the input buffer take?",
      k: 5,
      documentIds: [document.id],
    });
    expect(found.results?.find((hit) => hit.text.includes("16kB for the input buffer"))?.page, name).toBe(71);
    expect((await request.delete(`/api/documents/${document.id}`)).status()).toBe(200);
  }
});

test("a 12 MB text file and a 12 MB DOCX become searchable", async ({ request }) => {
  test.setTimeout(240_000);
  const line = (n: number) => `Line ${n}: the quartermaster logs cargo manifest ${n} at the harbour office.`;
  const text = Array.from({ length: 165_000 }, (_, n) => line(n)).join("\n");
  expect(text.length).toBeGreaterThan(12 * MB);
  const paragraphs = Array.from(
    { length: 2_000 },
    (_, n) => `Paragraph ${n} of the annual report on lighthouses.`,
  );
  paragraphs[1234] = "The keeper of Skerryvore rowed out every Thursday with the mail.";
  const docx = makeDocx(paragraphs, { mediaBytes: 12 * MB });
  const { status, body } = await uploadIndexed(request, [
    textFile("harbour.txt", text),
    {
      name: "report.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: docx,
    },
  ]);
  expect(status).toBe(202);
  expect(body.documents?.map((document) => [document.name, document.status])).toEqual([
    ["harbour.txt", "ready"],
    ["report.docx", "ready"],
  ]);
  // Scoped to each document: the offline embedder's hashed vectors rank poorly across tens of
  // thousands of near-identical chunks (issue 10 replaces them with an exact lexical index).
  const [harbour, report] = body.documents ?? [];
  expect(harbour.chunks).toBeGreaterThan(5_000);
  const { body: fromReport } = await retrieveFrom(request, {
    query: "Skerryvore keeper mail",
    k: 3,
    documentIds: [report.id],
  });
  expect(fromReport.results?.some((hit) => hit.text.includes("Skerryvore"))).toBe(true);
  const { body: fromHarbour } = await retrieveFrom(request, {
    query: "quartermaster cargo manifest",
    k: 3,
    documentIds: [harbour.id],
  });
  expect(fromHarbour.results?.[0].text).toMatch(/quartermaster logs cargo manifest \d+/);
  for (const document of body.documents ?? []) await request.delete(`/api/documents/${document.id}`);
});

/**
 * Sends a multipart body of `bytes` random-ish bytes in one file field, chunked or with a length.
 * `body` is null when the answer's status came but its body was lost: the server closes the
 * connection while this client is still sending, and the client's system may then reset it and
 * drop what it had received but not yet handed over (seen once in a few CI runs).
 */
function sendLargeUpload({ bytes, chunked }: { bytes: number; chunked: boolean }) {
  const boundary = "----large-upload-test";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="too-big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL("/api/documents", APP_URL);
  return new Promise<{ status: number; body: string | null; sentBytes: number }>((resolve, reject) => {
    const headers: Record<string, string | number> = {
      "content-type": `multipart/form-data; boundary=${boundary}`,
    };
    if (!chunked) headers["content-length"] = head.length + bytes + tail.length;
    const outgoing = httpRequest(url, { method: "POST", headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (part) => (body += part));
      let ended = false;
      response.on("end", () => {
        ended = true;
        resolve({ status: response.statusCode ?? 0, body, sentBytes: sentWhenAnswered });
      });
      response.on("close", () => {
        if (!ended) resolve({ status: response.statusCode ?? 0, body: null, sentBytes: sentWhenAnswered });
      });
    });
    // The server may answer and close before the body is sent: that is the point.
    outgoing.on("error", (error) => (answered ? undefined : reject(error)));
    let answered = false;
    let sentBytes = 0;
    let sentWhenAnswered = 0;
    outgoing.on("response", () => {
      answered = true;
      sentWhenAnswered = sentBytes;
    });
    const piece = Buffer.alloc(256 * 1024, "a");
    const writeMore = () => {
      while (sentBytes < bytes && !answered && !outgoing.destroyed) {
        const next = piece.subarray(0, Math.min(piece.length, bytes - sentBytes));
        sentBytes += next.length;
        if (!outgoing.write(next)) return outgoing.once("drain", writeMore);
      }
      if (!answered && !outgoing.destroyed) outgoing.end(tail);
    };
    outgoing.write(head);
    writeMore();
    setTimeout(() => {
      reject(
        new Error(
          `no answer: sent ${sentBytes}, answered ${answered}, destroyed ${outgoing.destroyed}, writableNeedDrain ${outgoing.writableNeedDrain}`,
        ),
      );
    }, 30_000).unref();
  });
}

test("a file over MAX_UPLOAD_MB is refused with 413 as soon as the limit is passed, with or without a content-length, and nothing is kept", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const before = await listDocuments(request);
  for (const chunked of [false, true]) {
    let message: string | null = null;
    // Every attempt is answered 413 early; one whose body the connection reset lost is sent again.
    for (let attempt = 0; attempt < 3 && message === null; attempt++) {
      const { status, body, sentBytes } = await sendLargeUpload({
        bytes: (E2E_MAX_UPLOAD_MB + 10) * MB,
        chunked,
      });
      expect(status, chunked ? "chunked" : "with content-length").toBe(413);
      // Answered before the whole body was sent (a little past the limit, allowing for buffers on the way).
      expect(sentBytes).toBeLessThan((E2E_MAX_UPLOAD_MB + 10) * MB);
      message = body === null ? null : (JSON.parse(body) as { error: string }).error;
    }
    expect(message).toContain(`${E2E_MAX_UPLOAD_MB} MB`);
  }
  expect(await listDocuments(request)).toEqual(before);
  const notMultipart = await request.post("/api/documents", { data: { file: "not a form" } });
  expect(notMultipart.status()).toBe(400);
  expect((await notMultipart.json()).error).toMatch(/multipart\/form-data/);
});

test("a 300 KB line without spaces does not stall the server: health answers within a second throughout", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const blob = "GATTACA".repeat(45_000);
  const uploaded = await upload(request, [textFile("sequence.txt", `>chr1 sample\n${blob}\n`)]);
  expect(uploaded.status).toBe(202);
  const id = uploaded.body.documents?.[0].id as string;
  let checks = 0;
  for (;;) {
    const health = await request.get("/api/health", { timeout: 1_000 });
    expect(health.status()).toBe(200);
    checks++;
    const { document } = await (await request.get(`/api/documents/${id}`)).json();
    if (document.status !== "queued" && document.status !== "indexing") break;
  }
  expect(checks).toBeGreaterThan(0);
  const document = await waitUntilIndexed(request, id);
  expect(document).toMatchObject({ status: "ready" });
  expect(document.chunks).toBeGreaterThan(100);
  await request.delete(`/api/documents/${id}`);
});

test("200 small files at once are all accepted and end ready", async ({ request }) => {
  test.setTimeout(240_000);
  const files = Array.from({ length: 200 }, (_, n) =>
    textFile(
      `note-${String(n).padStart(3, "0")}.txt`,
      `Note ${n}: the beekeeper counted ${n * 7} hives in row ${n}.`,
    ),
  );
  const batches = [files.slice(0, 100), files.slice(100)];
  const uploaded = await Promise.all(batches.map((batch) => upload(request, batch)));
  expect(uploaded.map((answer) => answer.status)).toEqual([202, 202]);
  const ids = uploaded.flatMap((answer) => (answer.body.documents ?? []).map((document) => document.id));
  expect(ids).toHaveLength(200);
  await expect
    .poll(
      async () => {
        const listed = (await listDocuments(request)).filter((document) => ids.includes(document.id));
        return listed.filter((document) => document.status === "ready").length;
      },
      { timeout: 200_000, intervals: [500] },
    )
    .toBe(200);
  const { body } = await retrieveFrom(request, { query: "beekeeper counted 1393 hives", k: 3 });
  expect(body.results?.[0].documentName).toBe("note-199.txt");
  for (const id of ids) await request.delete(`/api/documents/${id}`);
});
