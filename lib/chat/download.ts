/**
 * A file download response named `<name>.<extension>`: the name in full (RFC 5987, any script) for
 * browsers, and reduced to safe ASCII as a fallback, "chat" when nothing of it is left.
 */
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
  const ascii = name.replace(/[^\w.-]+/g, "-").replace(/^[-.]+|-+$/g, "") || "chat";
  const full =
    name
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ")
      .replace(/^[\s.]+/, "")
      .trim() || "chat";
  // RFC 5987 allows fewer characters than encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(`${full}.${extension}`).replace(
    /['()*!]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return new Response(body, {
    headers: {
      "content-type": `${contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`,
      "cache-control": "no-store",
    },
  });
}
