import { createUIMessageStreamResponse, type UIMessageChunk } from "ai";

/** A UI message stream as the chat route sends it. */
export function uiResponse(stream: ReadableStream<UIMessageChunk>): Response {
  return createUIMessageStreamResponse({ stream });
}

/** Reads a UI message stream response (SSE) into its chunks. */
export async function readUIChunks(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .map((event) => event.replace(/^data: /, "").trim())
    .filter((data) => data && data !== "[DONE]")
    .map((data) => JSON.parse(data));
}

export function answerText(chunks: Record<string, unknown>[]): string {
  return chunks
    .filter((chunk) => chunk.type === "text-delta")
    .map((chunk) => chunk.delta)
    .join("");
}

export function userMessage(text: string, id = crypto.randomUUID()) {
  return { id, role: "user" as const, parts: [{ type: "text" as const, text }] };
}

export function assistantMessage(text: string, id = crypto.randomUUID()) {
  return { id, role: "assistant" as const, parts: [{ type: "text" as const, text }] };
}
