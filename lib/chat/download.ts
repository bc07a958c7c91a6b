/** A file download response; the name is reduced to safe characters. */
export function download({
  body,
  filename,
  contentType,
}: {
  body: string;
  filename: string;
  contentType: string;
}): Response {
  const safeName = filename.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "chat";
  return new Response(body, {
    headers: {
      "content-type": `${contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${safeName}"`,
      "cache-control": "no-store",
    },
  });
}
