import { describe, expect, it } from "vitest";
import { download } from "./download";

const disposition = (name: string) =>
  download({ body: "x", name, extension: "md", contentType: "text/markdown" }).headers.get(
    "content-disposition",
  );

describe("download", () => {
  it("names the file after the chat, in any script, with a plain ASCII fallback", () => {
    expect(disposition("Puffins")).toBe(`attachment; filename="Puffins.md"`);
    expect(disposition("Puffins on cliffs")).toBe(
      `attachment; filename="Puffins-on-cliffs.md"; filename*=UTF-8''Puffins%20on%20cliffs.md`,
    );
    // A title with no Latin letters keeps its name and never becomes a hidden ".md".
    expect(disposition("Где гнездятся тупики?")).toBe(
      `attachment; filename="chat.md"; filename*=UTF-8''${encodeURIComponent("Где гнездятся тупики.md")}`,
    );
  });

  it("cannot be used to inject header parameters or paths", () => {
    // One quoted ASCII name and one RFC 5987 value (its attr-chars), nothing else, whatever the title holds.
    const shape = /^attachment; filename="[\w-][\w.-]*\.md"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/;
    for (const title of [
      'a"; filename="evil.exe',
      "../../etc/passwd",
      "Notes (draft) 'final'!",
      "\r\nSet-Cookie: x=1",
      // A title cut in the middle of an emoji: a lone surrogate cannot be percent-encoded.
      "Тупики \u{1F426}".slice(0, -1),
    ]) {
      const header = disposition(title) ?? "";
      expect(header, title).toMatch(shape);
      expect(decodeURIComponent(header.split("''")[1]), title).not.toMatch(/^\.|[/\\"\r\n]/);
    }
  });
});
