import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const documents = pgTable(
  "documents",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["pdf", "docx", "markdown", "text"] }).notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull().unique(),
    pages: integer("pages"),
    chunks: integer("chunks").notNull().default(0),
    embedder: text("embedder").notNull(),
    /**
     * "indexing" while chunks are being written, "deleting" while they are being removed; only
     * "ready" documents are searchable.
     */
    status: text("status", { enum: ["indexing", "ready", "deleting"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("documents_created_at_idx").on(table.createdAt)],
);

/** How many stored chunks contain each term: the offline embedder's inverse document frequencies. */
export const termStats = pgTable("term_stats", {
  term: text("term").primaryKey(),
  chunkCount: integer("chunk_count").notNull(),
});

export type DocumentRow = typeof documents.$inferSelect;
