import { apiError, parseJson, UNREACHABLE } from "../fetch-json";

/**
 * A sentence for the person from useChat's error. Errors inside the stream already carry the
 * server's sentence; a refused request carries the response body, the app's JSON `{ error }`.
 */
export function chatErrorMessage(error: Error): string {
  const refusal = apiError(parseJson(error.message));
  if (refusal) return refusal;
  if (error.name === "TypeError") return UNREACHABLE;
  return error.message || "The answer failed. Try again.";
}
