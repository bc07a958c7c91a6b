import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import { termStats } from "./schema";

/** The row under this term counts the chunks themselves, so the statistics carry their own total. */
const TOTAL = "";

/** Adds (sign 1) or subtracts (sign -1) chunks' term counts, with `chunks` chunks in all. */
export async function addTermCounts(
  db: Database,
  { termCounts, chunks, sign }: { termCounts: Map<string, number>; chunks: number; sign: 1 | -1 },
) {
  const changes: Record<string, number> = { [TOTAL]: sign * chunks };
  for (const [term, count] of termCounts) changes[term] = sign * count;
  // One JSON parameter rather than two parameters per term: one short statement whatever the count
  // (thousands of parameters made each call take a few hundred milliseconds on PGlite).
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO term_stats (term, chunk_count)
      SELECT key, value::int FROM jsonb_each_text(${JSON.stringify(changes)}::jsonb)
      ON CONFLICT (term) DO UPDATE SET chunk_count = term_stats.chunk_count + excluded.chunk_count`);
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
