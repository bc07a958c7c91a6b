import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./config";

describe("safeRedirectPath (where sign-in sends the person next)", () => {
  it("keeps paths of this app, with their query", () => {
    expect(safeRedirectPath("/chat")).toBe("/chat");
    expect(safeRedirectPath("/chat/abc?x=1")).toBe("/chat/abc?x=1");
    expect(safeRedirectPath(undefined)).toBe("/");
  });

  it("never leads to another site, however the address is disguised", () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "http://this-app.invalid.evil.example/",
      "/.//evil.example",
      "/..//evil.example",
      "/%2e//evil.example",
      "/./\\evil.example",
    ]) {
      const path = safeRedirectPath(next);
      expect(new URL(path, "https://docs.example.org").origin, next).toBe("https://docs.example.org");
      // What the Location header carries must not be protocol-relative either.
      expect(path, next).toMatch(/^\/(?![/\\])/);
    }
  });
});
