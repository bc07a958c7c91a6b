import { APICallError, RetryError } from "ai";
import { AppError } from "@/lib/errors";

function upstreamCause(error: unknown): unknown {
  if (RetryError.isInstance(error)) return error.lastError;
  return error;
}

/** A sentence a person can act on for any failure of a chat turn; the details go to the log. */
export function readableChatError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const cause = upstreamCause(error);
  if (cause instanceof Error && cause.name === "AbortError") return "The answer was stopped.";
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    console.warn(
      `[chat] model endpoint error ${status ?? "(no response)"} at ${cause.url}: ${cause.message}`,
    );
    const detail = `${cause.responseBody ?? ""} ${cause.message}`;
    if (status === 401 || status === 403) {
      return `The model endpoint refused the token (HTTP ${status}). Check DATABRICKS_TOKEN (or CHAT_API_KEY) and its permissions on the serving endpoint.`;
    }
    if (status === 404) {
      return "The model endpoint was not found (HTTP 404). Check DATABRICKS_CHAT_ENDPOINT (or CHAT_MODEL): the serving endpoint of that name must exist.";
    }
    if (status === 429) {
      return "The model endpoint is rate limiting requests (HTTP 429). Wait a few seconds, then retry.";
    }
    if (/context.{0,20}(length|window)|too (long|many tokens)|maximum.{0,20}tokens/i.test(detail)) {
      return "The conversation is too long for the model's context window. Start a new chat or narrow the document scope.";
    }
    if (status !== undefined && status >= 500) {
      return `The model endpoint failed (HTTP ${status}). This is usually temporary: retry in a moment.`;
    }
    if (status === undefined) {
      return "The model endpoint could not be reached. Check DATABRICKS_HOST (or CHAT_BASE_URL) and the network.";
    }
    return `The model endpoint rejected the request (HTTP ${status}).`;
  }
  console.error("[chat]", error);
  return "Something went wrong while answering. The details are in the server log.";
}
