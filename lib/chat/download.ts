import { attachment } from "@/lib/http";

/** A file download response named `<name>.<extension>`, "chat" when nothing of the name is left. */
export function download({
  body,
  name,
  extension,
  contentType,
}: {
  body: string;
  name: string;
  extension: string;
  contentType: string;
}): Response {
  return new Response(body, {
    headers: {
      "content-type": `${contentType}; charset=utf-8`,
      "content-disposition": attachment(`${name}.${extension}`, "chat"),
      "cache-control": "no-store",
    },
  });
}
