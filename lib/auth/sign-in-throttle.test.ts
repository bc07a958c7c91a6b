import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { signInWaitMs, throttledSignIn } from "./sign-in-throttle";

/** A sign-in against one right password, with the waits it was asked for recorded instead of slept. */
function signInAs(password: string, right = "correct horse") {
  return async (db: Awaited<ReturnType<typeof getDb>>, email: string, address: string, waits: number[]) =>
    (
      await throttledSignIn(
        db,
        { email, address },
        async () => (password === right ? { email } : null),
        async (ms) => waits.push(ms),
      )
    ).result;
}

describe("sign-in slow-down (real PGlite)", () => {
  it("waits longer after each failure, up to a ceiling, and never below zero", () => {
    expect([0, 1, 2, 3, 4, 5, 9, 50].map(signInWaitMs)).toEqual([0, 0, 0, 500, 1000, 2000, 15000, 15000]);
  });

  it("slows guesses on an account, yet lets the right password in, then forgets that account's failures", async () => {
    const db = await getDb();
    const waits: number[] = [];
    for (let n = 0; n < 5; n++)
      expect(await signInAs("guess")(db, "ada@example.com", "10.0.0.9", waits)).toBeNull();
    expect(waits).toEqual([500, 1000]);

    // From another address: slowed by the account's failures, but never refused.
    const slowed: number[] = [];
    expect(await signInAs("correct horse")(db, "Ada@Example.com", "10.0.0.1", slowed)).toEqual({
      email: "Ada@Example.com",
    });
    expect(slowed).toEqual([2000]);
    const after: number[] = [];
    expect(await signInAs("correct horse")(db, "ada@example.com", "10.0.0.1", after)).not.toBeNull();
    expect(after).toEqual([]);
  });

  it("slows an address that guesses across many accounts, and only that address", async () => {
    const db = await getDb();
    const waits: number[] = [];
    for (let n = 0; n < 4; n++) await signInAs("guess")(db, `user${n}@example.com`, "10.0.0.66", waits);
    expect(waits).toEqual([500]);
    const elsewhere: number[] = [];
    expect(await signInAs("correct horse")(db, "user9@example.com", "10.0.0.7", elsewhere)).not.toBeNull();
    expect(elsewhere).toEqual([]);
  });
});
