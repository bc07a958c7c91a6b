import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import { termStats } from "./schema";

/** The row under this term counts the chunks themselves, so the statistics carry their own total. */
const TOTAL = "";
const TERM_BATCH = 2000;

/** Adds (sign 1) or subtracts (sign -1) chunks' term counts, with `chunks` chunks in all. */
export async function addTermCounts(
  db: Database,
  { termCounts, chunks, sign }: { termCounts: Map<string, number>; chunks: number; sign: 1 | -1 },
) {
  const entries = [...termCounts, [TOTAL, chunks] as const];
  await db.transaction(async (tx) => {
    for (let start = 0; start < entries.length; start += TERM_BATCH) {
      const values = entries
        .slice(start, start + TERM_BATCH)
        .map(([term, count]) => ({ term, chunkCount: sign * count }));
      await tx
        .insert(termStats)
        .values(values)
        .onConflictDoUpdate({
          target: termStats.term,
          set: { chunkCount: sql`${termStats.chunkCount} + excluded.chunk_count` },
        });
    }
    if (sign < 0) await tx.delete(termStats).where(sql`${termStats.chunkCount} <= 0`);
  });
}

export async function clearTermStats(db: Database) {
  await db.delete(termStats);
}

/** Document frequencies of the given terms and the number of stored chunks. */
export async function corpusStatistics(db: Database, terms: string[]) {
  const rows = await db
    .select()
    .from(termStats)
    .where(inArray(termStats.term, [TOTAL, ...terms]));
  const frequencies = new Map(rows.map((row) => [row.term, row.chunkCount]));
  const chunkCount = frequencies.get(TOTAL) ?? 0;
  frequencies.delete(TOTAL);
  return { chunkCount, frequencies };
}
