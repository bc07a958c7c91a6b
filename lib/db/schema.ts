import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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

/** A conversation; its id is the one useChat sends. */
export const chats = pgTable(
  "chats",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    /** Set while the chat is shared read-only at /share/<token>; null when not shared or revoked. */
    shareToken: text("share_token").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("chats_updated_at_idx").on(table.updatedAt)],
);

/** The messages of a chat as UI messages (parts keep the answer, its citations and its metadata). */
export const chatMessages = pgTable(
  "chat_messages",
  {
    id: text("id").notNull(),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    role: text("role", { enum: ["system", "user", "assistant"] }).notNull(),
    parts: jsonb("parts").notNull(),
    metadata: jsonb("metadata"),
  },
  (table) => [primaryKey({ columns: [table.chatId, table.position] })],
);

export type ChatRow = typeof chats.$inferSelect;

/**
 * Requests per client and action in fixed one-minute windows. Kept in the database so that every
 * instance of the app (several containers, or serverless functions) counts against the same limit.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

/** Ids of deleted chats, so that a page still showing one, or an answer still streaming, cannot bring it back. */
export const deletedChats = pgTable("deleted_chats", {
  id: text("id").primaryKey(),
  deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull().defaultNow(),
});
