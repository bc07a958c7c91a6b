import { describe, expect, it } from "vitest";
import { createSessionValue, isValidSession, passwordMatches } from "./session";

describe("session cookies", () => {
  it("accepts its own signature and refuses tampered, foreign or expired values", async () => {
    const value = await createSessionValue("secret-a");
    expect(await isValidSession("secret-a", value)).toBe(true);
    expect(await isValidSession("secret-b", value)).toBe(false);
    const [version, expires, signature] = value.split(".");
    expect(await isValidSession("secret-a", `${version}.${Number(expires) + 1000}.${signature}`)).toBe(false);
    expect(await isValidSession("secret-a", value, Number(expires) + 1)).toBe(false);
    expect(await isValidSession("secret-a", undefined)).toBe(false);
    expect(await isValidSession("secret-a", "garbage")).toBe(false);
  });

  it("refuses a validly signed cookie that expires later than a session may last", async () => {
    const { createHmac } = await import("node:crypto");
    expect(await isValidSession("secret-a", await createSessionValue("secret-a"))).toBe(true);
    // Minted outside the app with the right secret, valid until the year 2286.
    const payload = "v1.9999999999999";
    const signature = createHmac("sha256", "dbrx-docs-chat session v1:secret-a")
      .update(payload)
      .digest("base64url");
    expect(await isValidSession("secret-a", `${payload}.${signature}`, Date.now())).toBe(false);
    // The control: signed the same way with an ordinary expiry it is accepted, so the refusal above is the expiry.
    const soon = `v1.${Date.now() + 60_000}`;
    const soonSignature = createHmac("sha256", "dbrx-docs-chat session v1:secret-a")
      .update(soon)
      .digest("base64url");
    expect(await isValidSession("secret-a", `${soon}.${soonSignature}`)).toBe(true);
  });

  it("compares passwords exactly", async () => {
    expect(await passwordMatches("hunter2", "hunter2")).toBe(true);
    expect(await passwordMatches("hunter2", "hunter3")).toBe(false);
    expect(await passwordMatches("hunter2", "")).toBe(false);
  });
});
