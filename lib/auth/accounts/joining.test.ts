// The first-admin claim on a real database: two first accounts made at once (on two instances, or a
// set-up beside a single sign-on) give one admin, and a claim whose account never appeared expires.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { firstAdminClaim } from "@/lib/db/schema";
import { roleForNewUser } from "./joining";

describe("the first admin", () => {
  it("is whoever takes the claim first; the others become members, and a stale claim can be taken again", async () => {
    const db = await getDb();
    const roles = await Promise.all(
      ["ana@example.com", "ben@example.com", "cy@example.com"].map((email) =>
        roleForNewUser(db, email, undefined),
      ),
    );
    expect(roles.filter((role) => role === "admin")).toHaveLength(1);
    expect(roles.filter((role) => role === "member")).toHaveLength(2);
    // Still no account (their creation failed, say): within minutes the claim holds ...
    expect(await roleForNewUser(db, "dee@example.com", undefined)).toBe("member");
    // ... and once stale, the next first account takes it.
    await db.update(firstAdminClaim).set({ claimedAt: sql`now() - interval '10 minutes'` });
    expect(await roleForNewUser(db, "eve@example.com", undefined)).toBe("admin");
    const [claim] = await db.select().from(firstAdminClaim);
    expect(claim.email).toBe("eve@example.com");
  });
});
