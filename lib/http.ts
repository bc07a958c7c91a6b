import type { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";

/** Reads a JSON body and validates it; anything malformed becomes one 400 with a readable message. */
export async function parseJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.infer<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Our own messages are full sentences; zod's defaults need the field name to make sense.
    const where =
      issue.path.length > 0 && !/^[A-Z].*\.$/.test(issue.message) ? `${issue.path.join(".")}: ` : "";
    throw new AppError("bad_request", `${where}${issue.message}`);
  }
  return parsed.data;
}

/** Wraps a route handler so that every thrown error becomes the app's JSON error response. */
export function handleErrors<Args extends unknown[]>(
  context: string,
  handler: (...args: Args) => Promise<Response>,
) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return toAppError(error, context).toResponse();
    }
  };
}

/**
 * A Content-Disposition header that downloads `fileName`: the name in full (RFC 5987, any script)
 * for browsers, and reduced to safe ASCII as a fallback, `fallbackStem` when nothing of it is left.
 */
export function attachment(fileName: string, fallbackStem = "download"): string {
  const match = /^(.*?)(\.[A-Za-z0-9]{1,10})?$/s.exec(fileName);
  const stem = match?.[1] ?? fileName;
  const extension = match?.[2] ?? "";
  const ascii = stem.replace(/[^\w.-]+/g, "-").replace(/^[-.]+|-+$/g, "") || fallbackStem;
  const full =
    stem
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ")
      .replace(/^[\s.]+/, "")
      .trim() || fallbackStem;
  // RFC 5987 allows fewer characters than encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(`${full}${extension}`).replace(
    /['()*!]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}${extension}"; filename*=UTF-8''${encoded}`;
}
