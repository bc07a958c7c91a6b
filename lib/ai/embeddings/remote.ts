import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, embed, embedMany } from "ai";
import { AppError } from "@/lib/errors";
import type { Embedder } from "./types";

/**
 * Embeddings from an OpenAI-compatible `/embeddings` endpoint: Databricks Model Serving
 * (`https://<workspace>/serving-endpoints`) or any other server that speaks that API.
 */
export class RemoteEmbedder implements Embedder {
  readonly id: string;
  readonly space = "cosine" as const;
  readonly offline = false;
  readonly label: string;
  dimension: number | null = null;
  private readonly model;

  constructor({
    provider,
    baseURL,
    apiKey,
    model,
  }: { provider: string; baseURL: string; apiKey?: string; model: string }) {
    this.id = `${provider}:${model}`;
    this.label = `${provider === "databricks" ? "Databricks Model Serving" : "OpenAI-compatible"} embeddings: ${model}`;
    this.model = createOpenAI({ baseURL, apiKey: apiKey ?? "none", name: provider }).embedding(model);
  }

  async embedDocuments(texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]> {
    if (texts.length === 0) return [];
    try {
      const { embeddings } = await embedMany({
        model: this.model,
        values: texts,
        maxRetries: 2,
        abortSignal: options?.signal,
      });
      this.dimension ??= embeddings[0]?.length ?? null;
      return embeddings;
    } catch (error) {
      throw embeddingError(error);
    }
  }

  async embedQuery(text: string, options?: { signal?: AbortSignal }): Promise<number[]> {
    try {
      const { embedding } = await embed({
        model: this.model,
        value: text,
        maxRetries: 2,
        abortSignal: options?.signal,
      });
      return embedding;
    } catch (error) {
      throw embeddingError(error);
    }
  }
}

function embeddingError(error: unknown): AppError {
  const cause =
    error instanceof Error && "lastError" in error ? (error as { lastError: unknown }).lastError : error;
  if (APICallError.isInstance(cause) && cause.statusCode !== undefined) {
    const status = cause.statusCode;
    if (status === 401 || status === 403) {
      return new AppError(
        "upstream_unavailable",
        "The embedding endpoint refused the credentials (check the token).",
        {
          cause: error,
        },
      );
    }
    if (status === 429) {
      return new AppError(
        "upstream_unavailable",
        "The embedding endpoint is rate limiting requests; try again shortly.",
        {
          cause: error,
        },
      );
    }
    return new AppError(
      "upstream_unavailable",
      `The embedding endpoint answered with an error (HTTP ${status}).`,
      {
        cause: error,
      },
    );
  }
  return new AppError("upstream_unavailable", "The embedding endpoint could not be reached.", {
    cause: error,
  });
}
