import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const optionalUrl = optionalString.pipe(z.url().optional());

/** A number, or unset when the variable is missing or empty (as `.env.example` leaves it). */
const optionalInteger = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number().int().min(min).max(max).optional(),
  );

/** Unset when the variable is missing or empty (as `.env.example` leaves it), so its default applies. */
const unsetIfEmpty = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .enum(["true", "false", "1", "0", "on", "off"])
      .default(fallback ? "true" : "false")
      .transform((value) => value === "true" || value === "1" || value === "on"),
  );

const envSchema = z
  .object({
    DATA_DIR: z.string().default("./data"),

    CHROMA_URL: optionalUrl,
    CHROMA_API_KEY: optionalString,
    CHROMA_TENANT: optionalString,
    CHROMA_DATABASE: optionalString,
    CHROMA_COLLECTION: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]$/, "3–512 characters of [a-zA-Z0-9._-]")
      .default("documents"),

    DATABASE_URL: optionalUrl,
    /** Redis for the answers in progress, when several instances serve one deployment; unset, they live in the process. */
    REDIS_URL: optionalUrl,

    DATABRICKS_HOST: optionalUrl,
    DATABRICKS_TOKEN: optionalString,
    DATABRICKS_EMBEDDING_ENDPOINT: z.string().default("databricks-gte-large-en"),

    EMBEDDING_PROVIDER: z.enum(["auto", "offline", "databricks", "openai-compatible"]).default("auto"),
    EMBEDDING_BASE_URL: optionalUrl,
    EMBEDDING_API_KEY: optionalString,
    EMBEDDING_MODEL: optionalString,

    CHAT_PROVIDER: z.enum(["auto", "offline", "databricks", "openai-compatible"]).default("auto"),
    DATABRICKS_CHAT_ENDPOINT: z.string().default("databricks-dbrx-instruct"),
    CHAT_BASE_URL: optionalUrl,
    CHAT_API_KEY: optionalString,
    CHAT_MODEL: optionalString,
    CHAT_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1),
    CHAT_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(64).max(16384).default(1024),
    /** DBRX's context window. */
    CHAT_CONTEXT_TOKENS: z.coerce.number().int().min(2048).max(1_000_000).default(32768),

    RETRIEVAL_TOP_K: z.coerce.number().int().min(1).max(20).default(6),
    /** Passages below this share of the best passage's score are dropped (0 keeps all). */
    RETRIEVAL_RELATIVE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.3),
    /** Absolute floor for cosine similarity when a model embeds (ignored by the offline embedder). */
    RETRIEVAL_MIN_SIMILARITY: z.coerce.number().min(-1).max(1).default(0.2),
    /**
     * Reranking of the fused candidates: "model" asks the chat model to order them (listwise),
     * "lexical" scores term proximity, phrases and headings offline; "auto" is "model" when a chat
     * model is configured and "lexical" otherwise.
     */
    RERANK: z.enum(["auto", "off", "lexical", "model"]).default("auto"),
    /** Candidates a reranker orders (the fused lists' best). */
    RERANK_CANDIDATES: z.coerce.number().int().min(2).max(100).default(20),
    /**
     * The most chunks a scoped search scores by brute force on its own (it does so where that costs
     * less than the HNSW index: 50 + the collection's chunks / 250, see lib/rag/retrieve.ts).
     */
    EXACT_SEARCH_MAX_CHUNKS: z.coerce.number().int().min(0).default(2000),

    /** Set to require sign-in for every page and API except /share/<token> and /api/health. */
    APP_PASSWORD: optionalString,
    /** Signs session cookies; derived from APP_PASSWORD when unset (then changing the password signs everyone out). */
    SESSION_SECRET: optionalString,
    /**
     * Turns on accounts (issue 13): people sign in with their own email and password or by OpenID
     * Connect, and see only their own and shared collections. Signs sessions; 32 characters or more.
     */
    AUTH_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32, "at least 32 characters").optional()),
    /** The address people open the app at (https://docs.example.com): invite links and OIDC's callback. */
    APP_URL: optionalUrl,
    /** With AUTH_SECRET: the first admin, created at start-up when no account exists (headless set-ups). */
    ADMIN_EMAIL: z.preprocess(unsetIfEmpty, z.email().optional()),
    ADMIN_PASSWORD: z.preprocess(unsetIfEmpty, z.string().min(8, "at least 8 characters").optional()),
    /** Single sign-on: the OpenID Connect issuer (its /.well-known/openid-configuration is read). */
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    /** The sign-in button's label ("Sign in with <OIDC_NAME>"). */
    OIDC_NAME: z.preprocess(unsetIfEmpty, z.string().default("single sign-on")),
    /**
     * Email domains whose people may join by single sign-on without an invite, comma-separated; with
     * none, only invited people (and existing accounts) can sign in by OIDC.
     */
    OIDC_ALLOWED_DOMAINS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((domain) => domain.trim().toLowerCase())
          .filter(Boolean),
      ),
    RATE_LIMIT_CHAT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    RATE_LIMIT_UPLOADS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    /** Passage searches (each one embeds the query, which costs money with a hosted embedder). */
    RATE_LIMIT_SEARCH_PER_MINUTE: z.coerce.number().int().min(1).default(120),

    CHUNK_TOKENS: z.coerce.number().int().min(64).max(8192).default(512),
    CHUNK_OVERLAP_TOKENS: z.coerce.number().int().min(0).max(2048).default(64),
    MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(50),
    /** Largest total a zipped document (DOCX) may inflate to; unset means 4 × MAX_UPLOAD_MB. */
    MAX_UNZIPPED_MB: optionalInteger(1, 16384),
    /** Documents one process indexes at once (each in its own worker thread); the rest wait in order. */
    INGEST_CONCURRENCY: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(16).default(1)),
    /** "off" leaves PDF pages without a text layer unread (a scanned PDF is then refused). */
    OCR: z.preprocess(unsetIfEmpty, z.enum(["on", "off"]).default("on")),
    /**
     * Languages OCR reads, joined by "+" (eng+deu), as tesseract names them; each needs its npm
     * package @tesseract.js-data/<code> (eng comes with the app).
     */
    OCR_LANGUAGES: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .default("eng")
        .transform((value) => value.split("+").map((code) => code.trim()))
        .pipe(
          z
            .array(z.string().regex(/^[a-z][a-z_]+$/, "a tesseract language code such as eng or chi_sim"))
            .min(1),
        ),
    ),
    /** Whether the web server also runs an ingestion worker; set false when `npm run worker` processes do. */
    RUN_INGEST_WORKER: booleanFlag(true),
    /**
     * Where original files are kept: "files" (DATA_DIR/originals), "database" (the documents database,
     * reachable by every instance), or "auto": database when DATABASE_URL is set, else files.
     */
    ORIGINALS_STORE: z.preprocess(unsetIfEmpty, z.enum(["auto", "files", "database"]).default("auto")),

    /**
     * Host names an open instance (no APP_PASSWORD) answers for, comma-separated, without scheme or
     * port: a page on another site whose name was re-pointed at this machine (DNS rebinding) sends its
     * own name as Host and is refused. ".example.com" allows example.com and all its subdomains; "*"
     * allows every name and turns the protection off. Unset or empty: localhost,127.0.0.1,[::1].
     */
    ALLOWED_HOSTS: z
      .string()
      .default("")
      .transform((value, context) => {
        const hosts = (value.trim() || "localhost,127.0.0.1,[::1]")
          .split(",")
          .map((host) => host.trim().toLowerCase().replace(/\.$/, ""))
          .filter(Boolean);
        const invalid = hosts.find(
          (host) => !/^(\*|\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/.test(host),
        );
        if (invalid === undefined) return hosts;
        context.addIssue({
          code: "custom",
          message: `"${invalid}" is not a host name: list names without scheme or port (docs.example.com, .example.com, [::1] or *)`,
        });
        return z.NEVER;
      }),
  })
  .refine((env) => env.CHUNK_OVERLAP_TOKENS < env.CHUNK_TOKENS / 2, {
    message: "CHUNK_OVERLAP_TOKENS must be less than half of CHUNK_TOKENS",
    path: ["CHUNK_OVERLAP_TOKENS"],
  })
  .refine((env) => !env.OIDC_ISSUER || (env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && env.APP_URL), {
    message: "OIDC_ISSUER needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and APP_URL (for the callback address)",
    path: ["OIDC_ISSUER"],
  })
  .refine((env) => !env.OIDC_ISSUER || env.AUTH_SECRET, {
    message: "OIDC_ISSUER needs AUTH_SECRET (single sign-on is a way into accounts)",
    path: ["OIDC_ISSUER"],
  })
  .refine((env) => !env.ADMIN_EMAIL === !env.ADMIN_PASSWORD, {
    message: "ADMIN_EMAIL and ADMIN_PASSWORD go together",
    path: ["ADMIN_EMAIL"],
  })
  .refine((env) => env.EMBEDDING_PROVIDER !== "databricks" || (env.DATABRICKS_HOST && env.DATABRICKS_TOKEN), {
    message: "EMBEDDING_PROVIDER=databricks needs DATABRICKS_HOST and DATABRICKS_TOKEN",
    path: ["EMBEDDING_PROVIDER"],
  })
  .refine(
    (env) =>
      env.EMBEDDING_PROVIDER !== "openai-compatible" || (env.EMBEDDING_BASE_URL && env.EMBEDDING_MODEL),
    {
      message: "EMBEDDING_PROVIDER=openai-compatible needs EMBEDDING_BASE_URL and EMBEDDING_MODEL",
      path: ["EMBEDDING_PROVIDER"],
    },
  );

export type Env = z.infer<typeof envSchema> & {
  dataDir: string;
  maxUploadBytes: number;
  maxUnzippedBytes: number;
  originalsStore: "files" | "database";
};

/** Every variable the app reads (besides PORT and HOST, which scripts/launch.mjs reads). */
export const ENV_VARIABLE_NAMES = Object.keys(envSchema.shape);

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  const config = parsed.data;
  const megabyte = 1024 * 1024;
  return {
    ...config,
    dataDir: path.resolve(config.DATA_DIR),
    maxUploadBytes: Math.floor(config.MAX_UPLOAD_MB * megabyte),
    maxUnzippedBytes: (config.MAX_UNZIPPED_MB ?? 4 * config.MAX_UPLOAD_MB) * megabyte,
    originalsStore:
      config.ORIGINALS_STORE === "auto"
        ? config.DATABASE_URL
          ? "database"
          : "files"
        : config.ORIGINALS_STORE,
  };
}

let cached: Env | undefined;

/** The only reader of process.env; validated once, on first use (instrumentation.ts calls it at start-up). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The base URL of a Databricks workspace's OpenAI-compatible Model Serving API. */
export function databricksServingUrl(config: Env): string {
  return `${config.DATABRICKS_HOST?.replace(/\/+$/, "")}/serving-endpoints`;
}
