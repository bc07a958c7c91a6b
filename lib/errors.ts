export type ErrorCode =
  | "bad_request"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "embedder_mismatch"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "upstream_unavailable"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  embedder_mismatch: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  upstream_unavailable: 503,
  internal: 500,
};

const APP_ERROR = Symbol.for("dbrx-docs-chat.AppError");

/** The one error type of the app: a code, its HTTP status and a message safe to show a person. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Sent as Retry-After: when a refused request (a 429, a 503) may be made again. */
  readonly retryAfterSeconds: number | undefined;
  readonly [APP_ERROR] = true;

  // Next loads server modules more than once (instrumentation and routes are bundled apart), and
  // process-wide objects such as the embedder cross between the copies: recognise any copy's errors.
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && APP_ERROR in value;
  }

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.status = statusByCode[code];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  toJSON() {
    return { error: this.message, code: this.code };
  }

  toResponse(): Response {
    const headers: HeadersInit =
      this.retryAfterSeconds === undefined
        ? {}
        : { "retry-after": String(Math.ceil(this.retryAfterSeconds)) };
    return Response.json(this.toJSON(), { status: this.status, headers });
  }
}

/** Turns anything thrown into an AppError; unknown errors are logged and answered generically. */
export function toAppError(error: unknown, context: string): AppError {
  if (error instanceof AppError) {
    if (error.cause) console.error(`[${context}] ${error.message}`, error.cause);
    return error;
  }
  // A person closing the tab mid-request is not a server error.
  if (error instanceof Error && (error.name === "AbortError" || error.name === "ResponseAborted")) {
    return new AppError("bad_request", "The request was cancelled.");
  }
  console.error(`[${context}]`, error);
  return new AppError("internal", "Something went wrong on the server. The details are in its log.");
}
