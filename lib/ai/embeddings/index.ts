import "server-only";
import { databricksServingUrl, env } from "@/lib/config/env";
import { lexicalIndex } from "@/lib/lexical/synced-index";
import { processState } from "@/lib/process-state";
import { OfflineEmbedder } from "./offline";
import { RemoteEmbedder } from "./remote";
import type { Embedder } from "./types";

export type { Embedder } from "./types";

function createEmbedder(): Embedder {
  const config = env();
  const provider =
    config.EMBEDDING_PROVIDER !== "auto"
      ? config.EMBEDDING_PROVIDER
      : config.EMBEDDING_BASE_URL
        ? "openai-compatible"
        : config.DATABRICKS_HOST && config.DATABRICKS_TOKEN
          ? "databricks"
          : "offline";
  switch (provider) {
    case "databricks":
      return new RemoteEmbedder({
        provider: "databricks",
        baseURL: databricksServingUrl(config),
        apiKey: config.DATABRICKS_TOKEN,
        model: config.DATABRICKS_EMBEDDING_ENDPOINT,
      });
    case "openai-compatible":
      return new RemoteEmbedder({
        provider: "openai-compatible",
        baseURL: config.EMBEDDING_BASE_URL as string,
        apiKey: config.EMBEDDING_API_KEY,
        model: config.EMBEDDING_MODEL ?? "text-embedding-3-small",
      });
    case "offline":
      return new OfflineEmbedder({
        // Searches bring the lexical index up to date before they embed the query.
        statistics: { read: async (terms) => lexicalIndex().held().statistics(terms) },
      });
  }
}

/** The configured embedder: Databricks, another OpenAI-compatible endpoint, or the built-in offline one. */
export function getEmbedder(): Embedder {
  return processState("embedder", createEmbedder);
}
