import { describe, expect, it } from "vitest";
import { assistantMessage, userMessage } from "@/lib/test/ui-stream";
import { continuesConversation } from "./continuity";

const q1 = userMessage("Where do puffins nest?");
const a1 = assistantMessage("On grassy cliff tops. [1]");
const q2 = userMessage("When do they lay eggs?");
const a2 = assistantMessage("In late April. [1]");

describe("continuesConversation (may this request's chat be saved over the stored one?)", () => {
  it("accepts a new question after the saved turns, whatever ids the page gave the messages", () => {
    const sameTextNewIds = [
      userMessage("Where do puffins nest?"),
      assistantMessage("On grassy cliff tops. [1]"),
    ];
    expect(continuesConversation([q1, a1], [...sameTextNewIds, q2])).toBe(true);
    expect(continuesConversation([], [q1])).toBe(true);
  });

  it("accepts a regenerated answer, and a follow-up to an answer stopped at a different point", () => {
    expect(continuesConversation([q1, a1, q2, a2], [q1, a1, q2])).toBe(true);
    const stoppedInPage = assistantMessage("On grassy");
    expect(continuesConversation([q1, assistantMessage("On grassy cliff")], [q1, stoppedInPage, q2])).toBe(
      true,
    );
  });

  it("refuses a page that missed later turns or shows a different earlier message", () => {
    // A second tab still showing only the first turn asks something new.
    expect(continuesConversation([q1, a1, q2, a2], [q1, a1, userMessage("And in winter?")])).toBe(false);
    expect(continuesConversation([q1, a1], [userMessage("Where do gannets nest?"), a1, q2])).toBe(false);
  });
});
