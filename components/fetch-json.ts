/** What a call to one of the app's JSON APIs came to: its body, or a message a person can act on. */
export type JsonOutcome<Body> =
  | { ok: true; status: number; body: Body }
  | { ok: false; status: number; error: string; body: unknown };

export const UNREACHABLE = "Could not reach the server. Check the connection and try again.";

/**
 * The message of an API's `{ error, code }` answer, or `fallback` with the status when the body is
 * something else (a proxy's error page, for example).
 */
export function errorMessage({
  status,
  body,
  fallback,
}: {
  status: number;
  body: unknown;
  fallback: string;
}) {
  return apiError(body) ?? `${fallback} (HTTP ${status}).`;
}

/** The sentence of the app's `{ error, code }` answer body, if it is one. */
export function apiError(body: unknown): string | null {
  const message = (body as { error?: unknown } | null)?.error;
  return typeof message === "string" && message ? message : null;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The client's one wrapper around fetch for the app's JSON APIs. Network failures and error answers
 * come back as `{ ok: false, error }`; only an abort through `init.signal` throws, as fetch does.
 */
export async function fetchJson<Body>(
  url: string,
  { fallbackError, ...init }: RequestInit & { fallbackError: string },
): Promise<JsonOutcome<Body>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return { ok: false, status: 0, error: UNREACHABLE, body: null };
  }
  const body = parseJson(await response.text().catch(() => ""));
  if (response.ok && body !== null) return { ok: true, status: response.status, body: body as Body };
  return {
    ok: false,
    status: response.status,
    error: response.ok
      ? "The server sent an answer this page cannot read. Try again."
      : errorMessage({ status: response.status, body, fallback: fallbackError }),
    body,
  };
}
