import { summaryPrompt, systemPrompt } from "@/lib/ai/prompts";
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

type Turn = { role: "system" | "user" | "assistant"; text: string };

export type JsonlOptions = {
  prompt?: "chatml" | "plain";
  context?: "none" | "passages";
};

const ROLE_LABELS = { system: "System", user: "User", assistant: "Assistant" } as const;

// DBRX Instruct's chat template (ChatML); the prompt ends where the model starts its answer.
const chatml = (turns: Turn[]) =>
  `${turns.map((turn) => `<|im_start|>${turn.role}\n${turn.text}<|im_end|>\n`).join("")}<|im_start|>assistant\n`;

const plain = (turns: Turn[]) =>
  `${turns.map((turn) => `${ROLE_LABELS[turn.role]}: ${turn.text}`).join("\n\n")}\n\nAssistant:`;

/** The system prompt the answer was written under, with the passages it was grounded on. */
function groundingOf(answer: ChatUIMessage): string {
  const passages = citationsOf(answer);
  if (answer.metadata?.task === "summarize") return summaryPrompt(passages);
  return systemPrompt({ passages, useDocuments: answer.metadata?.usedDocuments ?? true });
}

/** Adds a turn; one of the same role as the last (a question left unanswered) is joined to it. */
function append(turns: Turn[], turn: Turn) {
  const previous = turns.at(-1);
  if (previous?.role === turn.role) previous.text = `${previous.text}\n\n${turn.text}`;
  else turns.push({ ...turn });
}

/**
 * A chat as LLM Foundry fine-tuning data: one {"prompt", "response"} object per answer, the prompt
 * holding the conversation up to the question, as the app sent it to the model.
 * - `prompt: "chatml"` (default): DBRX Instruct's chat format, each turn
 *   `<|im_start|>user\n…<|im_end|>\n`, ending with `<|im_start|>assistant\n`.
 * - `prompt: "plain"`: `User: …\n\nAssistant: …\n\nUser: …\n\nAssistant:`.
 * Earlier answers lose their [n] markers, as in the app's own history. Without passages there is no
 * system turn and the response loses its markers too; `context: "passages"` opens the prompt with
 * the app's system prompt and the passages the answer was grounded on, and the response keeps them.
 * A question left unanswered is joined to the next one, as the app does, and gives no line itself.
 */
export function chatToJsonl({
  messages,
  prompt = "chatml",
  context = "none",
}: { messages: ChatUIMessage[] } & JsonlOptions): string {
  const format = prompt === "plain" ? plain : chatml;
  const lines: string[] = [];
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.role !== "user" && message.role !== "assistant") continue;
    const text = textOf(message);
    const withoutMarkers = message.role === "assistant" ? withoutCitationMarkers(text) : text;
    if (!withoutMarkers) continue;
    if (message.role === "assistant" && turns.at(-1)?.role === "user") {
      const system: Turn[] = context === "passages" ? [{ role: "system", text: groundingOf(message) }] : [];
      lines.push(
        JSON.stringify({
          prompt: format([...system, ...turns]),
          response: context === "passages" ? text : withoutMarkers,
        }),
      );
    }
    append(turns, { role: message.role, text: withoutMarkers });
  }
  return lines.map((line) => `${line}\n`).join("");
}
