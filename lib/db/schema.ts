import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const DOCUMENT_STATUSES = ["queued", "indexing", "ready", "failed", "deleting"] as const;

export const documents = pgTable(
  "documents",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", {
      enum: ["pdf", "docx", "xlsx", "pptx", "markdown", "html", "csv", "text"],
    }).notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull().unique(),
    pages: integer("pages"),
    chunks: integer("chunks").notNull().default(0),
    embedder: text("embedder").notNull(),
    /**
     * "queued" until a worker takes its job, "indexing" while chunks are written, "failed" (with
     * `error`) when the file cannot be indexed, "deleting" while its chunks are removed; only
     * "ready" documents are searchable.
     */
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull(),
    /** Why indexing failed, in words a person can act on. */
    error: text("error"),
    /** The declared content type of the upload, served back with the original. */
    mimeType: text("mime_type").notNull().default(""),
    pagesDone: integer("pages_done").notNull().default(0),
    chunksDone: integer("chunks_done").notNull().default(0),
    /** Known once every page is chunked. */
    chunksTotal: integer("chunks_total"),
    /** Pages read by OCR (no usable text layer), so far while indexing. */
    ocrPages: integer("ocr_pages").array().notNull().default([]),
    /** Pages with no text at all, even after OCR. */
    emptyPages: integer("empty_pages").array().notNull().default([]),
    /** While indexing: the pages being read now are read by OCR. */
    readingOcr: boolean("reading_ocr").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the document last became ready (searchable). */
    indexedAt: timestamp("indexed_at", { withTimezone: true }),
  },
  (table) => [index("documents_created_at_idx").on(table.createdAt)],
);

/**
 * The lexical index: one segment per searchable document (see lib/lexical/segment.ts), written in
 * the transaction that makes the document ready and removed with it. `version` is new at every
 * write, so an instance holding the segment in memory sees that it changed.
 */
export const lexicalSegments = pgTable("lexical_segments", {
  documentId: text("document_id")
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  version: bigserial("version", { mode: "number" }).notNull(),
  chunks: integer("chunks").notNull(),
  data: text("data").notNull(),
});

/**
 * The words OCR read on a page, with their boxes as fractions of the page ([left, top, right,
 * bottom]): what the viewer highlights a cited passage with on a scanned page.
 */
export const ocrWords = pgTable(
  "ocr_words",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    page: integer("page").notNull(),
    words: jsonb("words").$type<{ text: string; box: [number, number, number, number] }[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.page] })],
);

/**
 * One row: a counter that triggers raise whenever what is searchable changes (a segment written or
 * removed, a document's status changed). Instances compare it with theirs before each search.
 */
export const searchState = pgTable("search_state", {
  id: integer("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull(),
});

export type DocumentRow = typeof documents.$inferSelect;
export type OcrWordRow = typeof ocrWords.$inferSelect;
export type DocumentStatus = DocumentRow["status"];

/**
 * One row per document waiting for or under indexing: the queue. A worker claims the oldest
 * claimable job with FOR UPDATE SKIP LOCKED and holds it by a lease it keeps renewing, so a job
 * whose worker died is claimed again once its lease runs out.
 */
export const ingestJobs = pgTable(
  "ingest_jobs",
  {
    id: serial("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .unique()
      .references(() => documents.id, { onDelete: "cascade" }),
    /** Claims so far; a job that keeps killing its worker fails after a few. */
    attempts: integer("attempts").notNull().default(0),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("ingest_jobs_run_after_idx").on(table.runAfter)],
);

export type IngestJobRow = typeof ingestJobs.$inferSelect;

/**
 * Original files kept in the database (ORIGINALS_STORE=database), in pieces of about 1 MB so that
 * they stream in and out. Keyed by document id, without a foreign key: a file is stored while it
 * arrives, before its document row exists.
 */
export const originalPieces = pgTable(
  "original_pieces",
  {
    documentId: text("document_id").notNull(),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.seq] })],
);

/** A conversation; its id is the one useChat sends. */
export const chats = pgTable(
  "chats",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    /** Set while the chat is shared read-only at /share/<token>; null when not shared or revoked. */
    shareToken: text("share_token").unique(),
    /** Counts the writes to the chat's messages; a turn is saved only against the version it began from. */
    version: integer("version").notNull().default(0),
    /** The answer being written now, under this resumable-stream id; null when none is. */
    activeStreamId: text("active_stream_id"),
    activeStreamAt: timestamp("active_stream_at", { withTimezone: true }),
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

/**
 * The map step of a document's summary (notes on each run of pages), per model: a second summary
 * of the document needs only the reduce call. `version` names the indexed text the notes were
 * made from; a changed document has another and its notes are made again.
 */
export const summaryNotes = pgTable(
  "summary_notes",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    model: text("model").notNull(),
    version: text("version").notNull(),
    notes: jsonb("notes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.model] })],
);

/**
 * Recent failed sign-ins, per account (`account:<email>`) and per address (`address:<ip>`): each
 * one makes the next attempt on that key wait longer, and a quiet spell forgets them.
 */
export const signInFailures = pgTable("sign_in_failures", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
});
