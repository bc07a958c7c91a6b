import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import { signInFailures } from "./schema";

/** Failures older than this, with none since, are forgotten. */
const QUIET = sql`interval '15 minutes'`;
const NOW = sql`clock_timestamp()`;

/** The recent failures counted against each of `keys` (0 for a key with none). */
export async function recentFailures(db: Database, keys: string[]): Promise<number[]> {
  const rows = await db
    .select({ key: signInFailures.key, count: signInFailures.count })
    .from(signInFailures)
    .where(sql`${inArray(signInFailures.key, keys)} and ${signInFailures.lastAt} > ${NOW} - ${QUIET}`);
  return keys.map((key) => rows.find((row) => row.key === key)?.count ?? 0);
}

/** Counts one more failure against each of `keys`, starting again from one after a quiet spell. */
export async function addFailure(db: Database, keys: string[]): Promise<void> {
  const quiet = sql`${signInFailures.lastAt} <= ${NOW} - ${QUIET}`;
  await db
    .insert(signInFailures)
    .values(keys.map((key) => ({ key, count: 1, lastAt: NOW })))
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: { count: sql`case when ${quiet} then 1 else ${signInFailures.count} + 1 end`, lastAt: NOW },
    });
}

export async function clearFailures(db: Database, keys: string[]): Promise<void> {
  await db.delete(signInFailures).where(inArray(signInFailures.key, keys));
}
