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

  it("compares passwords exactly", async () => {
    expect(await passwordMatches("hunter2", "hunter2")).toBe(true);
    expect(await passwordMatches("hunter2", "hunter3")).toBe(false);
    expect(await passwordMatches("hunter2", "")).toBe(false);
  });
});
