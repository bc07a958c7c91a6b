import { describe, expect, it } from "vitest";
import { countTokens } from "@/lib/text/tokenizer";
import { packContext, type Turn } from "./context-budget";
import { formatPassage, type PromptPassage, systemPrompt } from "./prompts";

const words = (n: number, word = "lorem") => Array.from({ length: n }, () => word).join(" ");
const question: Turn = { role: "user", text: "What is the answer?" };
const measure = (passage: PromptPassage) => countTokens(`${formatPassage(passage)}\n\n`);

function passage(citation: number, text: string, documentName = "manual.pdf"): PromptPassage {
  return { citation, documentName, page: citation, pageEnd: citation, text };
}

/** Tokens of what is really sent: the final system prompt and the messages, counted like the packer does. */
function sentTokens(passages: PromptPassage[], turns: Turn[]) {
  const system = systemPrompt({ passages, useDocuments: true });
  return countTokens(system) + 4 + turns.reduce((sum, turn) => sum + countTokens(turn.text) + 4, 0);
}

describe("packContext", () => {
  it("keeps everything that fits and reports what is really sent", () => {
    const passages = [passage(1, "A short passage.")];
    const history: Turn[] = [
      { role: "user", text: "Hi" },
      { role: "assistant", text: "Hello" },
    ];
    const rules = systemPrompt({ passages: [], useDocuments: true });
    const packed = packContext({
      rulesTokens: countTokens(rules),
      passages,
      passageTokens: measure,
      history,
      question,
      windowTokens: 32768,
      maxOutputTokens: 1024,
    });
    expect(packed?.passages).toHaveLength(1);
    expect(packed?.history).toHaveLength(2);
    // The packer's count and the real prompt's differ by at most a few tokens of joining.
    expect(
      Math.abs((packed?.promptTokens ?? 0) - sentTokens(passages, [...history, question])),
    ).toBeLessThanOrEqual(8);
  });

  it("never lets the real prompt plus the answer exceed the window, even with long document names", () => {
    const longName = `${'Quarterly report & appendix "final" '.repeat(5)}.pdf`;
    const passages = Array.from({ length: 12 }, (_, n) =>
      passage(n + 1, `${n} ${words(400, "revenue")}`, longName),
    );
    const history: Turn[] = Array.from({ length: 20 }, (_, n) => ({
      role: n % 2 ? "assistant" : "user",
      text: `${n} ${words(250, "growth")}`,
    }));
    const rules = systemPrompt({ passages: [], useDocuments: true });
    const windowTokens = 8192;
    const maxOutputTokens = 1024;
    const packed = packContext({
      rulesTokens: countTokens(rules),
      passages,
      passageTokens: measure,
      history,
      question,
      windowTokens,
      maxOutputTokens,
    });
    expect(packed).not.toBeNull();
    const real = sentTokens(packed?.passages ?? [], [...(packed?.history ?? []), question]);
    expect(real + maxOutputTokens).toBeLessThanOrEqual(windowTokens);
    expect(packed?.passages.length).toBeGreaterThan(0);
    expect(packed?.history.length).toBeGreaterThan(0);
  });

  it("drops the oldest history first and starts with a user turn", () => {
    const history: Turn[] = Array.from({ length: 10 }, (_, n) => ({
      role: n % 2 ? "assistant" : "user",
      text: `${n} ${words(300)}`,
    }));
    const packed = packContext({
      rulesTokens: 100,
      passages: [],
      passageTokens: measure,
      history,
      question,
      windowTokens: 4096,
      maxOutputTokens: 1024,
    });
    expect(packed?.history.at(-1)).toEqual(history.at(-1));
    expect(packed?.history[0].role).toBe("user");
    expect(packed?.droppedHistory).toBeGreaterThan(0);
  });

  it("keeps the best passages first", () => {
    const passages = Array.from({ length: 10 }, (_, n) => passage(n + 1, `${n} ${words(500)}`));
    const packed = packContext({
      rulesTokens: 100,
      passages,
      passageTokens: measure,
      history: [],
      question,
      windowTokens: 4096,
      maxOutputTokens: 1024,
    });
    expect(packed?.passages.map((kept) => kept.citation)).toEqual([1, 2, 3, 4]);
  });

  it("gives up when the question alone does not fit", () => {
    expect(
      packContext({
        rulesTokens: 100,
        passages: [],
        passageTokens: measure,
        history: [],
        question: { role: "user", text: words(5000) },
        windowTokens: 4096,
        maxOutputTokens: 1024,
      }),
    ).toBeNull();
  });
});
