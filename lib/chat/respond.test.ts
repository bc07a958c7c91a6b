import { describe, expect, it } from "vitest";
import { ingestBytes } from "@/lib/test/ingest";
import { answerText, assistantMessage, readUIChunks, uiResponse, userMessage } from "@/lib/test/ui-stream";
import { answerStream } from "./respond";
import type { ChatMetadata } from "./types";

const text = (value: string) => new Uint8Array(Buffer.from(value));

async function ask(
  messages: Parameters<typeof answerStream>[0]["messages"],
  options: { documentIds?: string[]; useDocuments?: boolean } = {},
) {
  const stream = answerStream({
    messages,
    useDocuments: options.useDocuments ?? true,
    documentIds: options.documentIds,
    signal: new AbortController().signal,
  });
  return readUIChunks(uiResponse(stream));
}

describe("answerStream with the offline answerer (real Chroma and PGlite)", () => {
  it("sends the passages as sources before the first token, then a cited extractive answer", async () => {
    const { document } = await ingestBytes({
      name: "lighthouse.md",
      mimeType: "text/markdown",
      data: text(
        "# Keeping the light\n\nThe keeper polishes the Fresnel lens every Tuesday morning. The tower has 217 steps.\n\n# Weather\n\nFog horns sound when visibility drops below two miles.",
      ),
    });
    const chunks = await ask([userMessage("How often is the Fresnel lens polished?")]);
    const firstSource = chunks.findIndex((chunk) => chunk.type === "source-document");
    const firstText = chunks.findIndex((chunk) => chunk.type === "text-delta");
    expect(firstSource).toBeGreaterThan(-1);
    expect(firstSource).toBeLessThan(firstText);
    expect(chunks[firstSource]).toMatchObject({
      sourceId: "1",
      title: "lighthouse.md",
      providerMetadata: { rag: { citation: 1, documentId: document.id, documentName: "lighthouse.md" } },
    });
    const answer = answerText(chunks);
    expect(answer).toContain("polishes the Fresnel lens every Tuesday morning");
    expect(answer).toContain("[1]");

    const start = chunks.find((chunk) => chunk.type === "start") as { messageMetadata: ChatMetadata };
    expect(start.messageMetadata).toMatchObject({ mode: "offline", usedDocuments: true });
    expect(start.messageMetadata.context?.windowTokens).toBe(32768);
    expect(start.messageMetadata.context?.promptTokens).toBeGreaterThan(50);
  });

  it("resolves a follow-up with the previous question before searching", async () => {
    await ingestBytes({
      name: "volcano.txt",
      mimeType: "text/plain",
      data: text("Mount Etna erupts several times a year. Its summit is 3,357 metres high."),
    });
    const chunks = await ask([
      userMessage("Tell me about Mount Etna"),
      assistantMessage("Mount Etna erupts several times a year. [1]"),
      userMessage("How high is its summit?"),
    ]);
    const start = chunks.find((chunk) => chunk.type === "start") as { messageMetadata: ChatMetadata };
    expect(start.messageMetadata.searchQuery).toBe("Tell me about Mount Etna How high is its summit?");
    expect(start.messageMetadata.context?.historyMessages).toBe(2);
    expect(answerText(chunks)).toContain("3,357 metres");
  });

  it("says plainly when the documents do not contain the answer", async () => {
    const chunks = await ask([userMessage("What is the capital of Mongolia?")]);
    expect(chunks.some((chunk) => chunk.type === "source-document")).toBe(false);
    expect(answerText(chunks)).toMatch(/do not seem to contain/);
  });

  it("answers without retrieval when documents are switched off, and says how to connect DBRX", async () => {
    const chunks = await ask([userMessage("How often is the Fresnel lens polished?")], {
      useDocuments: false,
    });
    expect(chunks.some((chunk) => chunk.type === "source-document")).toBe(false);
    expect(answerText(chunks)).toMatch(/DATABRICKS_HOST/);
    const start = chunks.find((chunk) => chunk.type === "start") as { messageMetadata: ChatMetadata };
    expect(start.messageMetadata.usedDocuments).toBe(false);
  });

  it("keeps to the chosen documents", async () => {
    const a = await ingestBytes({
      name: "a.txt",
      mimeType: "text/plain",
      data: text("Zebras in Kenya graze at dawn."),
    });
    await ingestBytes({
      name: "b.txt",
      mimeType: "text/plain",
      data: text("Zebras in Namibia graze at dusk."),
    });
    const chunks = await ask([userMessage("When do zebras graze?")], { documentIds: [a.document.id] });
    const sources = chunks.filter((chunk) => chunk.type === "source-document");
    expect(sources.map((chunk) => chunk.title)).toEqual(["a.txt"]);
  });
});
