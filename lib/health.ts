import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { getChatModel } from "@/lib/ai/providers";
import { env } from "@/lib/config/env";
import { getConnection } from "@/lib/db/client";
import { chromaClient } from "@/lib/rag/chroma";

type Check = { ok: boolean; latencyMs: number; error?: string };

async function timed(check: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await check();
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Status of the vector store, the database and the model providers, without secrets. */
export async function healthReport() {
  const config = env();
  const [chroma, database] = await Promise.all([
    timed(() => chromaClient().heartbeat()),
    timed(async () => (await getConnection()).db.execute("select 1")),
  ]);
  const embedder = getEmbedder();
  const chat = getChatModel().info;
  return {
    status: chroma.ok && database.ok ? ("ok" as const) : ("degraded" as const),
    chroma: {
      ...chroma,
      mode: config.CHROMA_API_KEY ? "remote (authenticated)" : "server",
      collection: config.CHROMA_COLLECTION,
    },
    database: { ...database, kind: config.DATABASE_URL ? "postgres" : "pglite" },
    embeddings: { id: embedder.id, label: embedder.label, offline: embedder.offline },
    model: {
      id: chat.id,
      label: chat.label,
      offline: chat.offline,
      configured: !chat.offline,
      contextTokens: chat.contextTokens,
    },
  };
}
