/**
 * A sentence for the person from useChat's error. Errors inside the stream already carry the
 * server's sentence; a refused request carries the response body, the app's JSON `{ error }`.
 */
export function errorMessage(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // Not JSON: the sentence from the stream, or a network failure below.
  }
  if (error.name === "TypeError") return "Could not reach the server. Check the connection and try again.";
  return error.message || "The answer failed. Try again.";
}
