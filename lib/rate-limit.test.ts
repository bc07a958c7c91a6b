import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { enforceRateLimit } from "./rate-limit";

const from = (forwardedFor: string) =>
  new Request("http://app.test/api/chat", { method: "POST", headers: { "x-forwarded-for": forwardedFor } });

function statusOf(request: Request, action: string): number {
  try {
    enforceRateLimit(request, { action, perMinute: 2 });
    return 200;
  } catch (error) {
    return error instanceof AppError ? error.status : 500;
  }
}

describe("enforceRateLimit", () => {
  it("stops a client over the limit with a 429 that says when to try again, and spares other clients", () => {
    expect([1, 2, 3].map(() => statusOf(from("198.51.100.1"), "limit-a"))).toEqual([200, 200, 429]);
    expect(() => enforceRateLimit(from("198.51.100.1"), { action: "limit-a", perMinute: 2 })).toThrow(
      /at most 2 a minute.*Try again in \d+ s/,
    );
    expect(statusOf(from("198.51.100.2"), "limit-a")).toBe(200);
  });

  it("keys on the address the proxy saw, so a forged X-Forwarded-For prefix does not reset the limit", () => {
    const statuses = ["10.0.0.1", "10.0.0.2", "10.0.0.3"].map((forged) =>
      statusOf(from(`${forged}, 198.51.100.7`), "limit-b"),
    );
    expect(statuses).toEqual([200, 200, 429]);
  });
});
