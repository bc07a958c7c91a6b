import { streamText } from "ai";
import { describe, expect, it } from "vitest";
import {
  extractiveAnswer,
  OFFLINE_NO_DOCUMENTS_ANSWER,
  OFFLINE_NOT_FOUND_ANSWER,
  OfflineAnswerer,
  offlineOptions,
} from "./offline-answerer";
import { systemPrompt } from "./prompts";

const passages = [
  {
    citation: 1,
    documentName: "a.pdf",
    page: 2,
    pageEnd: 2,
    text: "The scanner reads input in blocks. The input buffer holds 16 kB by default. Tables are compressed.",
  },
  {
    citation: 2,
    documentName: "b.md",
    page: null,
    pageEnd: null,
    text: "Buffers can be resized with YY_BUF_SIZE. Nothing else matters here.",
  },
];

describe("extractiveAnswer", () => {
  it("quotes the sentences that match the question, with their citations", () => {
    const answer = extractiveAnswer("How big is the input buffer?", passages);
    expect(answer).toContain("The input buffer holds 16 kB by default. [1]");
    expect(answer).not.toContain("Tables are compressed");
  });

  it("says plainly when nothing matches", () => {
    expect(extractiveAnswer("Who won the 1998 world cup?", passages)).toBe(OFFLINE_NOT_FOUND_ANSWER);
  });
});

describe("OfflineAnswerer through streamText", () => {
  it("streams the extractive answer in several pieces", async () => {
    const result = streamText({
      model: new OfflineAnswerer({ delayMs: 0 }),
      instructions: systemPrompt({ passages, useDocuments: true }),
      providerOptions: offlineOptions({ useDocuments: true, passages }),
      prompt: "How big is the input buffer?",
    });
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toContain("16 kB by default. [1]");
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it("answers from the passages it is given as data, not from the prompt's text", async () => {
    const answer = async (options: Parameters<typeof streamText>[0]["providerOptions"]) =>
      await streamText({
        model: new OfflineAnswerer({ delayMs: 0 }),
        // A prompt that holds passages does not ground the offline answer on its own.
        instructions: systemPrompt({ passages, useDocuments: true }),
        prompt: "How big is the input buffer?",
        providerOptions: options,
      }).text;
    expect(await answer(undefined)).toBe(OFFLINE_NO_DOCUMENTS_ANSWER);
    expect(await answer(offlineOptions({ useDocuments: false, passages }))).toBe(OFFLINE_NO_DOCUMENTS_ANSWER);
    expect(await answer(offlineOptions({ useDocuments: true, passages: [] }))).toBe(OFFLINE_NOT_FOUND_ANSWER);
    expect(await answer(offlineOptions({ useDocuments: true, passages }))).toContain("[1]");
  });

  it("stops streaming when aborted", async () => {
    const long = [
      {
        ...passages[0],
        text: Array.from({ length: 200 }, (_, n) => `Buffer fact number ${n} is here.`).join(" "),
      },
    ];
    const answer = (abortAfter: number | null) => {
      const controller = new AbortController();
      const result = streamText({
        model: new OfflineAnswerer({ delayMs: 5 }),
        instructions: systemPrompt({ passages: long, useDocuments: true }),
        providerOptions: offlineOptions({ useDocuments: true, passages: long }),
        prompt: "buffer fact",
        abortSignal: controller.signal,
      });
      return (async () => {
        let received = 0;
        for await (const piece of result.textStream) {
          received += piece.length;
          if (abortAfter !== null && received > abortAfter) controller.abort();
        }
        return received;
      })();
    };
    const whole = await answer(null);
    // The whole answer is several times what arrives before the abort, so an abort that did not
    // stop the stream would show.
    expect(whole).toBeGreaterThan(100);
    expect(await answer(20)).toBeLessThan(whole / 2);
  });
});
