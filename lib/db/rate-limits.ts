import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { rateLimits } from "./schema";

const WINDOW = sql`interval '1 minute'`;

/**
 * Counts one request against `key` in its current one-minute window, atomically, so that concurrent
 * requests from several instances never both take the last slot. Time is the database's clock, the one
 * clock all instances share.
 */
export async function countRequest(
  db: Database,
  key: string,
): Promise<{ count: number; secondsLeft: number }> {
  const expired = sql`${rateLimits.windowStart} <= now() - ${WINDOW}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      secondsLeft: sql<number>`ceil(extract(epoch from ${rateLimits.windowStart} + ${WINDOW} - now()))::int`,
    });
  return row;
}

/** Forgets windows that have ended, so that the table holds about one minute of clients. */
export async function deleteEndedWindows(db: Database): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, sql`now() - ${WINDOW}`));
}
