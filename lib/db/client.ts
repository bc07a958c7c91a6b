import "server-only";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/config/env";
import { forgetProcessState, processState } from "@/lib/process-state";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Calls `onNotify` on each NOTIFY on `channel` from now on; resolves once listening. */
export type Listen = (channel: string, onNotify: () => void) => Promise<void>;

export type Connection = {
  db: Database;
  kind: "pglite" | "postgres";
  /**
   * PGlite only: every write goes through this process, and a notification arrives before the
   * statement that raised it resolves. On Postgres a pooled connection cannot listen, and a
   * dedicated one could miss notifications while it reconnects, so its readers poll instead.
   */
  listen: Listen | null;
  close: () => Promise<void>;
};

const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/db/migrations");

/**
 * Postgres's default 128 MB of shared buffers lives in PGlite's WebAssembly memory, in the web
 * server's process: 16 MB (far more than the registry needs) keeps about 120 MB of it free.
 */
const PGLITE_SETTINGS = ["-c", "shared_buffers=16MB"];

/**
 * Creates an embedded database cluster (initdb) in a short-lived process of its own. Done in the
 * server, it left the WebAssembly memory of the bootstrap, about 400 MB, held by the instance
 * that then served requests: 700–800 MB resident after a first start against 270 MB after a
 * restart (measured with process.memoryUsage()).
 */
async function createCluster(directory: string) {
  // Resolved from the working directory, as the migrations are: the app's root, or the standalone
  // server's folder, whose traced node_modules hold the package's ES module build.
  const script = `
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(process.argv[1], { startParams: [...PGlite.defaultStartParams, ...JSON.parse(process.argv[2])] });
    await db.waitReady;
    await db.close();`;
  await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", script, directory, JSON.stringify(PGLITE_SETTINGS)],
    { cwd: /*turbopackIgnore: true*/ process.cwd() },
  );
}

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
    return { db: db as unknown as Database, kind: "postgres", listen: null, close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const directory = path.join(dataDir, "db");
  mkdirSync(directory, { recursive: true });
  if (!existsSync(path.join(directory, "PG_VERSION"))) await createCluster(directory);
  const client = new PGlite(directory, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    listen: async (channel, onNotify) => {
      await client.listen(channel, onNotify);
    },
    close: () => client.close(),
  };
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
