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
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * Who owns what was made without accounts (open or APP_PASSWORD mode): the first admin of an
 * accounts deployment takes it over (lib/auth/accounts/first-admin.ts).
 */
export const LOCAL_OWNER = "local";
export const LOCAL_COLLECTION = `private:${LOCAL_OWNER}`;

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
    sha256: text("sha256").notNull(),
    /** The collection it lives in: a person's private one (`private:<user id>`) or a shared one. */
    collectionId: text("collection_id").notNull().default(LOCAL_COLLECTION),
    /**
     * Which Chroma collection holds its chunks: "" for the configured one (CHROMA_COLLECTION), else
     * that name and this suffix, one per app collection (lib/rag/chroma.ts). Set once, at upload: a
     * document that changes hands (the first admin's takeover) keeps its vectors where they are.
     */
    chromaCollection: text("chroma_collection").notNull().default(""),
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
  (table) => [
    index("documents_created_at_idx").on(table.createdAt),
    // The same file twice in one collection is one document; in two collections, two.
    uniqueIndex("documents_collection_sha256_idx").on(table.collectionId, table.sha256),
  ],
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
    /** Its author, who alone sees it (others only through its share link). */
    ownerId: text("owner_id").notNull().default(LOCAL_OWNER),
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
  (table) => [
    index("chats_updated_at_idx").on(table.updatedAt),
    index("chats_owner_id_idx").on(table.ownerId),
  ],
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

// Accounts (issue 13). The five tables Better Auth reads and writes, by the names its Drizzle
// adapter looks up (lib/auth/accounts/auth.ts maps them): people, their server-side sessions, their
// credentials (a password hash, or an OpenID Connect identity), its short-lived verification values
// (OIDC sign-in state) and API keys (stored as SHA-256 hashes).

const authTime = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: authTime("created_at").notNull().defaultNow(),
  updatedAt: authTime("updated_at").notNull().defaultNow(),
  /** "admin" or "member". */
  role: text("role"),
  /** A disabled account: it cannot sign in, and its sessions and keys stop working. */
  banned: boolean("banned").default(false),
  banReason: text("ban_reason"),
  banExpires: authTime("ban_expires"),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: authTime("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: authTime("created_at").notNull().defaultNow(),
    updatedAt: authTime("updated_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    impersonatedBy: text("impersonated_by"),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: authTime("access_token_expires_at"),
    refreshTokenExpiresAt: authTime("refresh_token_expires_at"),
    scope: text("scope"),
    /** scrypt hash of the password (provider "credential"). */
    password: text("password"),
    createdAt: authTime("created_at").notNull().defaultNow(),
    updatedAt: authTime("updated_at").notNull(),
  },
  (table) => [index("auth_accounts_user_id_idx").on(table.userId)],
);

export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: authTime("expires_at").notNull(),
    createdAt: authTime("created_at").notNull().defaultNow(),
    updatedAt: authTime("updated_at").notNull().defaultNow(),
  },
  (table) => [index("verifications_identifier_idx").on(table.identifier)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    configId: text("config_id").notNull().default("default"),
    name: text("name"),
    start: text("start"),
    /** The owner's user id. */
    referenceId: text("reference_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    prefix: text("prefix"),
    key: text("key").notNull(),
    refillInterval: integer("refill_interval"),
    refillAmount: integer("refill_amount"),
    lastRefillAt: authTime("last_refill_at"),
    enabled: boolean("enabled").default(true),
    rateLimitEnabled: boolean("rate_limit_enabled").default(false),
    rateLimitTimeWindow: integer("rate_limit_time_window"),
    rateLimitMax: integer("rate_limit_max"),
    requestCount: integer("request_count").default(0),
    remaining: integer("remaining"),
    lastRequest: authTime("last_request"),
    expiresAt: authTime("expires_at"),
    createdAt: authTime("created_at").notNull(),
    updatedAt: authTime("updated_at").notNull(),
    permissions: text("permissions"),
    metadata: text("metadata"),
  },
  (table) => [
    index("api_keys_reference_id_idx").on(table.referenceId),
    index("api_keys_key_idx").on(table.key),
  ],
);

/**
 * Links an admin hands out: to join with a role, or (for an existing account) to set a new
 * password. Only the SHA-256 of the token is kept; a link works once, until it expires.
 */
export const invites = pgTable("invites", {
  tokenHash: text("token_hash").primaryKey(),
  email: text("email").notNull(),
  role: text("role", { enum: ["admin", "member"] }).notNull(),
  createdBy: text("created_by").notNull(),
  expiresAt: authTime("expires_at").notNull(),
  usedAt: authTime("used_at"),
  createdAt: authTime("created_at").notNull().defaultNow(),
});

export type UserRow = typeof users.$inferSelect;

/**
 * Where documents live. Every person has a private one (`private:<user id>`, owned by them); an admin
 * makes shared ones and says who may read and who may add in `collection_access`.
 */
export const collections = pgTable("collections", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** The person a private collection belongs to; for a shared one, the admin who made it. */
  ownerId: text("owner_id").notNull(),
  shared: boolean("shared").notNull().default(false),
  createdAt: authTime("created_at").notNull().defaultNow(),
});

/** Who may read a shared collection, and who may add to it: "everyone", a user id or "group:<id>". */
export const collectionAccess = pgTable(
  "collection_access",
  {
    collectionId: text("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    principal: text("principal").notNull(),
    canAdd: boolean("can_add").notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.collectionId, table.principal] })],
);

export type CollectionRow = typeof collections.$inferSelect;

/** Groups of accounts an admin names, to share a collection with them all at once (`group:<id>`). */
export const groups = pgTable("groups", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: authTime("created_at").notNull().defaultNow(),
});

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.groupId, table.userId] }),
    index("group_members_user_id_idx").on(table.userId),
  ],
);

/**
 * Who is becoming the first admin (one row): claimed atomically when the first account is made, so
 * two people setting up at once, on any instances, cannot both become admin. A claim whose account
 * never appeared (its creation failed) can be taken again after a few minutes.
 */
export const firstAdminClaim = pgTable("first_admin_claim", {
  id: integer("id").primaryKey(),
  email: text("email").notNull(),
  claimedAt: authTime("claimed_at").notNull().defaultNow(),
});
