import { citationsOf, messageText, pageLabel, withoutCitationMarkers } from "./message-parts";
import type { ChatUIMessage, CitationDetails } from "./types";

const textOf = (message: ChatUIMessage) => messageText(message).trim();

function pagesOf(citation: CitationDetails) {
  const pages = pageLabel(citation);
  return pages ? `, ${pages}` : "";
}

/** A chat as a Markdown document: each question, its answer, and the passages the answer cites. */
export function chatToMarkdown({ title, messages }: { title: string; messages: ChatUIMessage[] }): string {
  const sections = [`# ${title}`];
  for (const message of messages) {
    const text = textOf(message);
    if (message.role === "user") sections.push(`## Question\n\n${text}`);
    if (message.role === "assistant") {
      const sources = citationsOf(message).map(
        (citation) => `${citation.citation}. ${citation.documentName}${pagesOf(citation)}`,
      );
      sections.push(
        `### Answer\n\n${text}${sources.length > 0 ? `\n\n**Sources**\n\n${sources.join("\n")}` : ""}`,
      );
    }
  }
  return `${sections.join("\n\n")}\n`;
}

/**
 * Question/answer pairs in the JSONL format LLM Foundry's fine-tuning reads: one
 * {"prompt": ..., "response": ...} object per line. Unanswered questions are skipped.
 */
export function chatToJsonl(messages: ChatUIMessage[]): string {
  const lines: string[] = [];
  for (let n = 0; n < messages.length - 1; n++) {
    if (messages[n].role !== "user" || messages[n + 1].role !== "assistant") continue;
    const prompt = textOf(messages[n]);
    // The passages are not in the prompt, so their [n] markers would point at nothing.
    const response = withoutCitationMarkers(textOf(messages[n + 1]));
    if (prompt && response) lines.push(JSON.stringify({ prompt, response }));
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
