import contentDisposition from "content-disposition";
import type { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";

/** Validates input from a request; anything malformed becomes one 400 with a readable message. */
function validated<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Our own messages are full sentences; zod's defaults need the field name to make sense.
    const where =
      issue.path.length > 0 && !/^[A-Z].*\.$/.test(issue.message) ? `${issue.path.join(".")}: ` : "";
    throw new AppError("bad_request", `${where}${issue.message}`);
  }
  return parsed.data;
}

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
  return validated(schema, body);
}

/**
 * Validates the query string: a parameter given once is a string, one repeated (`?ids=a&ids=b`)
 * an array, so a schema that expects one value refuses two instead of silently taking one.
 */
export function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const query: Record<string, string | string[]> = {};
  const { searchParams } = new URL(request.url);
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return validated(schema, query);
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
 * for browsers, and reduced to safe ASCII as a fallback, `fallbackStem` (ASCII) when nothing of it
 * is left. A name that is already safe ASCII is sent once, as `filename` alone.
 */
export function attachment(fileName: string, fallbackStem = "download"): string {
  const match = /^(.*?)(\.[A-Za-z0-9]{1,10})?$/s.exec(fileName);
  const stem = match?.[1] ?? fileName;
  const extension = match?.[2] ?? "";
  const fallback = `${stem.replace(/[^\w.-]+/g, "-").replace(/^[-.]+|-+$/g, "") || fallbackStem}${extension}`;
  // The package would keep only what follows the last slash ("a/b" downloads as "b") and throws on
  // a lone surrogate (a title cut in the middle of an emoji), so both go before it sees the name.
  const full =
    stem
      .replace(/[\\/:*?"<>|\p{Cc}\p{Cs}]+/gu, " ")
      .replace(/^[\s.]+/, "")
      .trim() || fallbackStem;
  return contentDisposition(`${full}${extension}`, { type: "attachment", fallback });
}
