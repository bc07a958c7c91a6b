import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/config/env";
import { forgetProcessState, processState } from "@/lib/process-state";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Connection = { db: Database; kind: "pglite" | "postgres"; close: () => Promise<void> };

const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/db/migrations");

/** Opens and migrates a database: Postgres at `DATABASE_URL`, or PGlite in `dataDir`/db. */
export async function openDatabase({
  DATABASE_URL,
  dataDir,
}: {
  DATABASE_URL?: string;
  dataDir: string;
}): Promise<Connection> {
  if (DATABASE_URL) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: DATABASE_URL, max: 10 });
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Database, kind: "postgres", close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const directory = path.join(dataDir, "db");
  mkdirSync(directory, { recursive: true });
  // Postgres's default 128 MB of shared buffers lives in PGlite's WebAssembly memory, in the web
  // server's process: 16 MB (far more than the registry needs) keeps about 120 MB of it free.
  const client = new PGlite(directory, {
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
  });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: "pglite", close: () => client.close() };
}

/** The database, connected and migrated on first use: PGlite in DATA_DIR/db, or Postgres at DATABASE_URL. */
export function getConnection(): Promise<Connection> {
  return processState("database", () =>
    openDatabase(env()).catch((error) => {
      forgetProcessState("database");
      throw error;
    }),
  );
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}
