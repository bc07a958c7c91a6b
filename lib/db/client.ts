import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/config/env";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

type Connection = { db: Database; kind: "pglite" | "postgres"; close: () => Promise<void> };

const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/db/migrations");

async function connect(): Promise<Connection> {
  const { DATABASE_URL, dataDir } = env();
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
  const client = new PGlite(directory);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: "pglite", close: () => client.close() };
}

// Kept on globalThis so that `next dev` reloads reuse the one embedded database that owns the folder.
const holder = globalThis as typeof globalThis & { __dbConnection?: Promise<Connection> };

/** The database, connected and migrated on first use: PGlite in DATA_DIR/db, or Postgres at DATABASE_URL. */
export function getConnection(): Promise<Connection> {
  holder.__dbConnection ??= connect().catch((error) => {
    holder.__dbConnection = undefined;
    throw error;
  });
  return holder.__dbConnection;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}
