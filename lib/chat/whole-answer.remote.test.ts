import { beforeAll, describe, expect, it } from "vitest";
import { makeTextPdf } from "@/e2e/support/make-pdf";
import { type RecordedRequest, TEST_TOKEN, TRIGGERS } from "@/e2e/support/openai-compatible-server";
import { LOCAL_OWNER } from "@/lib/db/schema";
import { readUIChunks, userMessage } from "@/lib/test/ui-stream";
import { countTokens } from "@/lib/text/tokenizer";
import type { ChatMetadata, CitationDetails } from "./types";

// DBRX on a Databricks-style workspace: chat and embeddings go to the tests' OpenAI-compatible server.
beforeAll(() => {
  process.env.DATABRICKS_HOST = process.env.TEST_MODEL_URL;
  process.env.DATABRICKS_TOKEN = TEST_TOKEN;
});

const WINDOW = 32768;

async function recorded(): Promise<RecordedRequest[]> {
  return (await fetch(`${process.env.TEST_MODEL_URL}/requests`)).json();
}

type Body = { stream?: boolean; messages: { role: string; content: string }[] };
const bodyOf = (request: RecordedRequest) => request.body as Body;
const isMapCall = (request: RecordedRequest, documentName: string) =>
  request.path.endsWith("/chat/completions") &&
  bodyOf(request).stream !== true &&
  /You (take notes on|read) part of a long document/.test(bodyOf(request).messages[0]?.content ?? "") &&
  (bodyOf(request).messages[1]?.content ?? "").includes(`Document: ${documentName}`);

/** A manual of `pages` pages, each about 400 tokens, each naming its own topic. */
function manualPages(pages: number, extra = "") {
  return Array.from({ length: pages }, (_, n) =>
    [
      `Section ${n + 1} covers the calibration of valve ${n + 1}. ${extra}`,
      ...Array.from(
        { length: 10 },
        (_, line) =>
          `Valve ${n + 1} step ${line + 1}: turn the screw a quarter turn, wait for the gauge to settle, then note the reading in the log book.`,
      ),
    ].join("\n"),
  );
}

async function ingestManual(name: string, pages: string[]) {
  const { ingestBytes } = await import("@/lib/test/ingest");
  const data = new Uint8Array(await makeTextPdf(pages));
  return (await ingestBytes({ name, mimeType: "application/pdf", data })).document;
}

async function summarise(chatId: string, documentIds: string[]) {
  const { respondInChat } = await import("./turn");
  return respondInChat({
    chatId,
    ownerId: LOCAL_OWNER,
    question: userMessage("Summarise this document", `${chatId}-q`),
    documentIds,
    useDocuments: true,
    task: "summarize",
  });
}

describe("whole-document answers by map-reduce (DBRX stand-in)", () => {
  it("summarises a 300-page manual in several map calls, each within the window, then one reduce", async () => {
    const document = await ingestManual("valves-300.pdf", manualPages(300));
    const before = (await recorded()).length;
    const chunks = await readUIChunks(await summarise("summary-300", [document.id]));
    const calls = (await recorded()).slice(before);
    const maps = calls.filter((request) => isMapCall(request, "valves-300.pdf"));
    expect(maps.length).toBeGreaterThanOrEqual(3);
    const sizes = maps.map((map) =>
      bodyOf(map).messages.reduce((sum, message) => sum + countTokens(message.content), 0),
    );
    for (const tokens of sizes) expect(tokens).toBeLessThanOrEqual(WINDOW - 768);
    // Packed to the window: every call but the one with the last pages is nearly full.
    const sorted = [...sizes].sort((a, b) => b - a);
    for (const tokens of sorted.slice(0, -1)) expect(tokens).toBeGreaterThan(WINDOW * 0.8);
    // Every page went to exactly one map call.
    const mapped = maps.flatMap((map) =>
      [...bodyOf(map).messages[1].content.matchAll(/<page n="(\d+)">/g)].map((match) => Number(match[1])),
    );
    expect(new Set(mapped).size).toBe(300);
    expect(mapped.length).toBe(300);

    // The reduce: one streamed call with every map's notes as numbered passages.
    const reduce = calls.filter((request) => bodyOf(request).stream === true).at(-1) as RecordedRequest;
    const system = bodyOf(reduce).messages[0].content;
    expect(system).toMatch(/You write the summary/);
    expect(system.match(/<passage id=/g)).toHaveLength(maps.length);
    expect(system).toContain("Test notes on pages 1,");

    // Progress as the maps finish, then the answer cites page ranges covering the manual.
    const progress = chunks.filter((chunk) => chunk.type === "data-progress").map((chunk) => chunk.data);
    expect(progress.at(-1)).toEqual({
      readPages: 300,
      totalPages: 300,
      calls: maps.length,
      totalCalls: maps.length,
    });
    const sources = chunks
      .filter((chunk) => chunk.type === "source-document")
      .map((chunk) => (chunk.providerMetadata as { rag: CitationDetails }).rag);
    expect(sources[0].page).toBe(1);
    expect(sources.at(-1)?.pageEnd).toBe(300);
    const finish = chunks.find((chunk) => chunk.type === "finish") as { messageMetadata: ChatMetadata };
    expect(finish.messageMetadata.reading).toMatchObject({
      pages: 300,
      mapCalls: maps.length,
      cachedDocuments: 0,
    });

    // A second summary of the same document, same model: its notes are kept, only the reduce runs.
    const again = (await recorded()).length;
    const second = await readUIChunks(await summarise("summary-300-again", [document.id]));
    expect((await recorded()).slice(again).filter((request) => isMapCall(request, "valves-300.pdf"))).toEqual(
      [],
    );
    const secondFinish = second.find((chunk) => chunk.type === "finish") as { messageMetadata: ChatMetadata };
    expect(secondFinish.messageMetadata.reading).toMatchObject({ cachedDocuments: 1, mapCalls: 0 });
  }, 120_000);

  it("aborts every outstanding map call when the summary is stopped", async () => {
    const { stopAnswer } = await import("./turn");
    const { findChat } = await import("@/lib/db/chats");
    const { getDb } = await import("@/lib/db/client");
    const document = await ingestManual("slow-valves.pdf", manualPages(200, TRIGGERS.slowMap));
    const before = (await recorded()).length;
    const response = await summarise("summary-stopped", [document.id]);
    const reading = readUIChunks(response);
    // The first map calls are in flight (the stand-in holds each for 3 s).
    await expect
      .poll(
        async () => (await recorded()).slice(before).filter((r) => isMapCall(r, "slow-valves.pdf")).length,
      )
      .toBeGreaterThanOrEqual(3);
    expect(await stopAnswer({ id: "summary-stopped", ownerId: LOCAL_OWNER })).toBe(true);
    await reading;
    await expect
      .poll(async () =>
        (await recorded())
          .slice(before)
          .filter((r) => isMapCall(r, "slow-valves.pdf"))
          .every((r) => r.aborted),
      )
      .toBe(true);
    // No more calls were started after the stop, and no answer was saved: the question waits for a retry.
    const maps = (await recorded()).slice(before).filter((r) => isMapCall(r, "slow-valves.pdf"));
    expect(maps.length).toBe(3);
    expect(
      (await findChat(await getDb(), { id: "summary-stopped", ownerId: LOCAL_OWNER }))?.messages.map(
        (m) => m.role,
      ),
    ).toEqual(["user"]);
  }, 60_000);

  it("answers a question about a chosen document that fits the window from every page, not from top-k", async () => {
    const { respondInChat } = await import("./turn");
    const document = await ingestManual("valves-12.pdf", manualPages(12));
    const before = (await recorded()).length;
    const chunks = await readUIChunks(
      await respondInChat({
        chatId: "whole-12",
        ownerId: LOCAL_OWNER,
        question: userMessage("List every valve this manual calibrates", "whole-12-q"),
        documentIds: [document.id],
        useDocuments: true,
      }),
    );
    const answer = (await recorded()).slice(before).filter((request) => bodyOf(request).stream === true);
    expect(answer).toHaveLength(1);
    // One passage per page: all twelve pages were in the prompt.
    const system = bodyOf(answer[0]).messages[0].content;
    expect(system.match(/<passage id=/g)).toHaveLength(12);
    expect(system).toContain('pages="12"');
    const start = chunks.find((chunk) => chunk.type === "start") as { messageMetadata: ChatMetadata };
    expect(start.messageMetadata.task).toBe("whole-document");
  }, 60_000);
});
