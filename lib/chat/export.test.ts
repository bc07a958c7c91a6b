import { describe, expect, it } from "vitest";
import { beginTurn, finishTurn } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { LOCAL_OWNER } from "@/lib/db/schema";
import { chatToJsonl, chatToMarkdown } from "./export";
import type { ChatUIMessage, CitationDetails } from "./types";

const passage = (details: Pick<CitationDetails, "citation" | "text">): CitationDetails => ({
  documentId: "d",
  documentName: "flex.pdf",
  page: 71,
  pageEnd: 71,
  score: 3,
  ...details,
});

const question = (id: string, text: string): ChatUIMessage => ({
  id,
  role: "user",
  parts: [{ type: "text", text }],
});

const answer = (id: string, text: string, passages: CitationDetails[] = []): ChatUIMessage => ({
  id,
  role: "assistant",
  parts: [
    ...passages.map((rag) => ({
      type: "source-document" as const,
      sourceId: String(rag.citation),
      mediaType: "text/plain",
      title: rag.documentName,
      providerMetadata: { rag },
    })),
    { type: "text", text },
  ],
  metadata: { mode: "model", model: "dbrx-instruct", usedDocuments: true },
});

const messages: ChatUIMessage[] = [
  question("1", "How big is the buffer?"),
  answer("2", "It is 16 kB [1]. Or more [1][2].", [passage({ citation: 1, text: "16kB" })]),
  question("3", "Unanswered follow-up"),
];

const threeTurns: ChatUIMessage[] = [
  question("q1", "How big is the buffer?"),
  answer("a1", "It is 16 kB [1].", [passage({ citation: 1, text: "The buffer holds 16kB." })]),
  question("q2", "Can it grow?"),
  answer("a2", "Yes, up to 64 kB [1].", [passage({ citation: 1, text: "It grows to 64kB." })]),
  question("q3", "Who sets the limit?"),
  answer("a3", "The YY_BUF_SIZE macro [1][2].", [
    passage({ citation: 1, text: "YY_BUF_SIZE sets the size." }),
    passage({ citation: 2, text: "Define it before including the scanner." }),
  ]),
];

const linesOf = (jsonl: string): { prompt: string; response: string }[] =>
  jsonl
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("chat exports", () => {
  it("writes Markdown with questions, answers and their sources", () => {
    const markdown = chatToMarkdown({ title: "Buffers", messages });
    expect(markdown).toContain("# Buffers");
    expect(markdown).toContain("## Question\n\nHow big is the buffer?");
    expect(markdown).toContain("### Answer\n\nIt is 16 kB [1]. Or more [1][2].");
    expect(markdown).toContain("1. flex.pdf, p. 71");
  });

  it("writes LLM Foundry prompt/response JSONL, skipping unanswered questions", () => {
    // Citation markers are dropped: the passages they point at are not part of the prompt.
    expect(linesOf(chatToJsonl({ messages, prompt: "plain" }))).toEqual([
      { prompt: "User: How big is the buffer?\n\nAssistant:", response: "It is 16 kB. Or more." },
    ]);
  });

  it("gives each answer the conversation before it, in DBRX's chat format", () => {
    const lines = linesOf(chatToJsonl({ messages: threeTurns }));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      prompt: "<|im_start|>user\nHow big is the buffer?<|im_end|>\n<|im_start|>assistant\n",
      response: "It is 16 kB.",
    });
    expect(lines[2]).toEqual({
      prompt:
        "<|im_start|>user\nHow big is the buffer?<|im_end|>\n" +
        "<|im_start|>assistant\nIt is 16 kB.<|im_end|>\n" +
        "<|im_start|>user\nCan it grow?<|im_end|>\n" +
        "<|im_start|>assistant\nYes, up to 64 kB.<|im_end|>\n" +
        "<|im_start|>user\nWho sets the limit?<|im_end|>\n" +
        "<|im_start|>assistant\n",
      response: "The YY_BUF_SIZE macro.",
    });
  });

  it("writes the conversation as plain text with roles on request", () => {
    const lines = linesOf(chatToJsonl({ messages: threeTurns, prompt: "plain" }));
    expect(lines[2].prompt).toBe(
      "User: How big is the buffer?\n\nAssistant: It is 16 kB.\n\nUser: Can it grow?\n\n" +
        "Assistant: Yes, up to 64 kB.\n\nUser: Who sets the limit?\n\nAssistant:",
    );
  });

  it("puts the passages an answer was grounded on into its prompt, and keeps its citations", () => {
    const lines = linesOf(chatToJsonl({ messages: threeTurns, context: "passages" }));
    const { prompt, response } = lines[2];
    expect(prompt.startsWith("<|im_start|>system\nYou are an assistant that answers questions")).toBe(true);
    expect(prompt).toContain('<passage id="1" document="flex.pdf" pages="71">\nYY_BUF_SIZE sets the size.');
    expect(prompt).toContain('<passage id="2"');
    // Only this answer's passages: earlier answers' citations pointed at passages not in the prompt.
    expect(prompt).not.toContain("It grows to 64kB.");
    expect(prompt).toContain("<|im_start|>assistant\nYes, up to 64 kB.<|im_end|>");
    expect(prompt.endsWith("<|im_start|>user\nWho sets the limit?<|im_end|>\n<|im_start|>assistant\n")).toBe(
      true,
    );
    expect(response).toBe("The YY_BUF_SIZE macro [1][2].");
  });

  it("joins a question left unanswered to the next one, as the model was asked it", () => {
    const lines = linesOf(
      chatToJsonl({
        messages: [question("1", "First?"), question("2", "Second?"), answer("3", "Both.")],
        prompt: "plain",
      }),
    );
    expect(lines).toEqual([{ prompt: "User: First?\n\nSecond?\n\nAssistant:", response: "Both." }]);
  });
});

async function saveChat(id: string, chat: ChatUIMessage[]) {
  const db = await getDb();
  for (let n = 0; n < chat.length; n += 2) {
    const begun = await beginTurn(db, {
      id,
      ownerId: LOCAL_OWNER,
      question: chat[n],
      streamId: `stream-${id}-${n}`,
    });
    if (typeof begun === "string") throw new Error(begun);
    await finishTurn(db, { id, version: begun.version, answer: chat[n + 1] ?? null });
  }
}

const exportAll = async (query = "") => {
  const { GET } = await import("@/app/api/chats/export/route");
  return GET(new Request(`http://localhost/api/chats/export${query}`));
};

describe("chat export routes (PGlite)", () => {
  it("streams a selection one chat at a time in the order asked, and every chat without one", async () => {
    const other = [question("o1", "Where is the manual?"), answer("o2", "In doc/.")];
    await saveChat("export-buffers", threeTurns);
    await saveChat("export-other", other);
    const response = await exportAll("?ids=export-buffers&ids=export-other");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jsonl; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="chats.jsonl"');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(decoder.decode(read.value));
    }
    expect(chunks).toEqual([chatToJsonl({ messages: threeTurns }), chatToJsonl({ messages: other })]);

    const all = (await (await exportAll()).text()).split("\n");
    expect(all).toHaveLength(5);
    expect(all).toEqual(expect.arrayContaining(chunks.flatMap((chunk) => chunk.trim().split("\n"))));

    const withPassages = await exportAll("?ids=export-other,export-buffers&context=passages&prompt=plain");
    const lines = linesOf(await withPassages.text());
    expect(lines).toHaveLength(4);
    expect(lines[0].prompt).toMatch(/^System: .*\n\nUser: Where is the manual\?\n\nAssistant:$/s);
    expect(lines[1].prompt).toContain('<passage id="1" document="flex.pdf"');
    expect(lines[3].response).toBe("The YY_BUF_SIZE macro [1][2].");
    expect(linesOf(await (await exportAll("?ids=export-other,export-other")).text())).toHaveLength(1);
  });

  it("refuses a selection naming an unknown chat, and bad options", async () => {
    await saveChat("export-known", [question("k1", "Known?"), answer("k2", "Yes.")]);
    const unknown = await exportAll("?ids=export-known,no-such-chat");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe('No chat has the id "no-such-chat". Nothing was exported.');
    for (const [query, error] of [
      ["?prompt=llama", "The prompt must be chatml or plain."],
      ["?context=everything", "The context must be passages or none."],
      ["?format=markdown", "Several chats export as JSONL only: leave format out or set it to jsonl."],
      ["?ids=", "Name at least one chat in ids, or leave ids out to export every chat."],
      ["?prompt=plain&prompt=chatml", "The prompt must be chatml or plain."],
    ]) {
      const response = await exportAll(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error, query).toBe(error);
    }
  });

  it("exports one chat as JSONL with its options, or as Markdown", async () => {
    await saveChat("export-one", threeTurns);
    const { GET } = await import("@/app/api/chats/[id]/export/route");
    const exportOne = (id: string, query: string) =>
      GET(new Request(`http://localhost/api/chats/${id}/export${query}`), {
        params: Promise.resolve({ id }),
      });
    const jsonl = await exportOne("export-one", "?format=jsonl&prompt=plain&context=passages");
    expect(jsonl.headers.get("content-disposition")).toContain('filename="How-big-is-the-buffer.jsonl"');
    const lines = linesOf(await jsonl.text());
    expect(lines).toHaveLength(3);
    expect(lines[0].prompt).toMatch(/^System: You are an assistant/);
    expect(lines[0].response).toBe("It is 16 kB [1].");
    expect(await (await exportOne("export-one", "")).text()).toContain("## Question\n\nCan it grow?");
    expect((await exportOne("export-one", "?format=pdf")).status).toBe(400);
    expect((await exportOne("missing", "?format=jsonl")).status).toBe(404);
  });
});
