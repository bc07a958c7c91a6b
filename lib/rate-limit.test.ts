import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getConnection, getDb } from "./db/client";
import { countRequest, deleteEndedWindows } from "./db/rate-limits";
import { rateLimits } from "./db/schema";
import { AppError } from "./errors";
import { enforceRateLimit } from "./rate-limit";
import { MemoryWindows } from "./rate-limit-windows";

const from = (forwardedFor: string) =>
  new Request("http://app.test/api/chat", { method: "POST", headers: { "x-forwarded-for": forwardedFor } });

async function statusOf(request: Request, action: string): Promise<number> {
  try {
    await enforceRateLimit(request, { action, perMinute: 2 });
    return 200;
  } catch (error) {
    return error instanceof AppError ? error.status : 500;
  }
}

async function statuses(requests: Request[], action: string): Promise<number[]> {
  const result: number[] = [];
  for (const request of requests) result.push(await statusOf(request, action));
  return result;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("enforceRateLimit (PGlite: counted in the one process that owns the database)", () => {
  it("counts in memory only where the database is PGlite", async () => {
    expect((await getConnection()).kind).toBe("pglite");
  });

  it("stops a client over the limit with a 429 that says when to try again, and spares other clients", async () => {
    const client = () => from("198.51.100.1");
    expect(await statuses([client(), client(), client()], "limit-a")).toEqual([200, 200, 429]);
    const refusal = await enforceRateLimit(client(), { action: "limit-a", perMinute: 2 }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    const response = (refusal as AppError).toResponse();
    const seconds = (await response.json()).error.match(/at most 2 a minute\. Try again in (\d+) s\./)?.[1];
    expect(Number(seconds)).toBeGreaterThanOrEqual(1);
    expect(Number(seconds)).toBeLessThanOrEqual(60);
    // The same wait in the standard header, for clients that retry on their own.
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe(seconds);
    expect(await statusOf(from("198.51.100.2"), "limit-a")).toBe(200);
  });

  it("keys on the address the proxy saw, so a forged X-Forwarded-For prefix does not reset the limit", async () => {
    const forged = ["10.0.0.1", "10.0.0.2", "10.0.0.3"].map((address) => from(`${address}, 198.51.100.7`));
    expect(await statuses(forged, "limit-b")).toEqual([200, 200, 429]);
  });

  it("lets the client in again once its minute has passed", async () => {
    const client = () => from("198.51.100.9");
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(await statuses([client(), client(), client()], "limit-c")).toEqual([200, 200, 429]);
    vi.setSystemTime(Date.now() + 59_000);
    expect(await statusOf(client(), "limit-c")).toBe(429);
    vi.setSystemTime(Date.now() + 2_000);
    expect(await statuses([client(), client(), client()], "limit-c")).toEqual([200, 200, 429]);
  });
});

describe("MemoryWindows", () => {
  it("forgets windows that have ended and keeps the current ones", async () => {
    const windows = new MemoryWindows();
    await windows.count("old", 0);
    await windows.count("current", 30_000);
    await windows.deleteEnded(61_000);
    expect(windows.size).toBe(1);
    expect(await windows.count("current", 61_000)).toEqual({ count: 2, secondsLeft: 29 });
  });
});

describe("countRequest (Postgres: counted in the database that every instance shares)", () => {
  it("counts per key in a one-minute window, starts a new one when it has passed, and sweeps ended ones", async () => {
    const db = await getDb();
    const key = "limit-d:198.51.100.10";
    expect((await countRequest(db, key)).count).toBe(1);
    const second = await countRequest(db, key);
    expect(second.count).toBe(2);
    expect(second.secondsLeft).toBeGreaterThanOrEqual(1);
    expect(second.secondsLeft).toBeLessThanOrEqual(60);
    expect((await countRequest(db, "limit-d:198.51.100.11")).count).toBe(1);
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(eq(rateLimits.key, key));
    expect((await countRequest(db, key)).count).toBe(1);
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(eq(rateLimits.key, key));
    await deleteEndedWindows(db);
    const left = await db.select({ key: rateLimits.key }).from(rateLimits);
    expect(left.map((row) => row.key)).not.toContain(key);
    expect(left.map((row) => row.key)).toContain("limit-d:198.51.100.11");
  });
});
