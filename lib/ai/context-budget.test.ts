import { describe, expect, it } from "vitest";
import { countTokens } from "@/lib/ingest/tokenizer";
import { packContext, type Turn } from "./context-budget";

const words = (n: number, word = "lorem") => Array.from({ length: n }, () => word).join(" ");
const question: Turn = { role: "user", text: "What is the answer?" };

describe("packContext", () => {
  it("keeps everything that fits and counts the prompt in cl100k_base tokens", () => {
    const packed = packContext({
      rulesTokens: 100,
      passages: [{ text: "A short passage." }],
      history: [
        { role: "user", text: "Hi" },
        { role: "assistant", text: "Hello" },
      ],
      question,
      windowTokens: 32768,
      maxOutputTokens: 1024,
    });
    expect(packed?.passages).toHaveLength(1);
    expect(packed?.history).toHaveLength(2);
    const expected =
      100 +
      countTokens(question.text) +
      4 +
      countTokens("A short passage.") +
      24 +
      countTokens("Hi") +
      4 +
      countTokens("Hello") +
      4;
    expect(packed?.promptTokens).toBe(expected);
  });

  it("reserves room for the answer and drops the oldest history first", () => {
    const history: Turn[] = Array.from({ length: 10 }, (_, n) => ({
      role: n % 2 ? "assistant" : "user",
      text: `${n} ${words(300)}`,
    }));
    const packed = packContext({
      rulesTokens: 100,
      passages: [],
      history,
      question,
      windowTokens: 4096,
      maxOutputTokens: 1024,
    });
    expect(packed).not.toBeNull();
    expect(packed?.promptTokens).toBeLessThanOrEqual(4096 - 1024);
    expect(packed?.history.at(-1)).toEqual(history.at(-1));
    expect(packed?.history[0].role).toBe("user");
    expect(packed?.droppedHistory).toBeGreaterThan(0);
    expect(packed?.history.length).toBeLessThan(10);
  });

  it("keeps the best passages first and leaves room for history", () => {
    const passages = Array.from({ length: 10 }, (_, n) => ({ text: `${n} ${words(500)}` }));
    const packed = packContext({
      rulesTokens: 100,
      passages,
      history: [{ role: "user", text: words(200) }],
      question,
      windowTokens: 4096,
      maxOutputTokens: 1024,
    });
    expect(packed?.passages.map((passage) => passage.text[0])).toEqual(["0", "1", "2", "3"]);
    expect(packed?.history).toHaveLength(1);
    expect(packed?.promptTokens).toBeLessThanOrEqual(4096 - 1024);
  });

  it("gives up when the question alone does not fit", () => {
    expect(
      packContext({
        rulesTokens: 100,
        passages: [],
        history: [],
        question: { role: "user", text: words(5000) },
        windowTokens: 4096,
        maxOutputTokens: 1024,
      }),
    ).toBeNull();
  });
});
