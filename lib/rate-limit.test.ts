import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./db/client";
import { rateLimits } from "./db/schema";
import { AppError } from "./errors";
import { enforceRateLimit } from "./rate-limit";

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

describe("enforceRateLimit (counted in the database)", () => {
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
    expect(await statuses([client(), client(), client()], "limit-c")).toEqual([200, 200, 429]);
    const db = await getDb();
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(eq(rateLimits.key, "limit-c:198.51.100.9"));
    expect(await statuses([client(), client(), client()], "limit-c")).toEqual([200, 200, 429]);
  });
});
