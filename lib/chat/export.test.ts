import { describe, expect, it } from "vitest";
import { chatToJsonl, chatToMarkdown } from "./export";
import type { ChatUIMessage } from "./types";

const messages: ChatUIMessage[] = [
  { id: "1", role: "user", parts: [{ type: "text", text: "How big is the buffer?" }] },
  {
    id: "2",
    role: "assistant",
    parts: [
      {
        type: "source-document",
        sourceId: "1",
        mediaType: "text/plain",
        title: "flex.pdf",
        providerMetadata: {
          rag: {
            citation: 1,
            documentId: "d",
            documentName: "flex.pdf",
            page: 71,
            pageEnd: 71,
            text: "16kB",
            score: 3,
          },
        },
      },
      { type: "text", text: "It is 16 kB [1]. Or more [1][2]." },
    ],
  },
  { id: "3", role: "user", parts: [{ type: "text", text: "Unanswered follow-up" }] },
];

describe("chat exports", () => {
  it("writes Markdown with questions, answers and their sources", () => {
    const markdown = chatToMarkdown({ title: "Buffers", messages });
    expect(markdown).toContain("# Buffers");
    expect(markdown).toContain("## Question\n\nHow big is the buffer?");
    expect(markdown).toContain("### Answer\n\nIt is 16 kB [1]. Or more [1][2].");
    expect(markdown).toContain("1. flex.pdf, p. 71");
  });

  it("writes LLM Foundry prompt/response JSONL, skipping unanswered questions", () => {
    const lines = chatToJsonl(messages)
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    // Citation markers are dropped: the passages they point at are not part of the prompt.
    expect(lines).toEqual([{ prompt: "How big is the buffer?", response: "It is 16 kB. Or more." }]);
  });
});
