import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import type { ChatModelInfo } from "@/lib/chat/types";
import { databricksServingUrl, env } from "@/lib/config/env";
import { processState } from "@/lib/process-state";
import { OfflineAnswerer } from "./offline-answerer";

export type ChatModel = { model: LanguageModel; info: ChatModelInfo & { id: string } };

function createChatModel(): ChatModel {
  const config = env();
  const contextTokens = config.CHAT_CONTEXT_TOKENS;
  const provider =
    config.CHAT_PROVIDER !== "auto"
      ? config.CHAT_PROVIDER
      : config.CHAT_BASE_URL
        ? "openai-compatible"
        : config.DATABRICKS_HOST && config.DATABRICKS_TOKEN
          ? "databricks"
          : "offline";
  switch (provider) {
    case "databricks": {
      const endpoint = config.DATABRICKS_CHAT_ENDPOINT;
      // Serving endpoints speak Chat Completions, not the Responses API that provider(id) would use.
      const model = createOpenAI({
        baseURL: databricksServingUrl(config),
        apiKey: config.DATABRICKS_TOKEN,
        name: "databricks",
      }).chat(endpoint);
      return {
        model,
        info: {
          id: `databricks:${endpoint}`,
          offline: false,
          label: /dbrx/i.test(endpoint) ? `DBRX · ${endpoint}` : `Databricks · ${endpoint}`,
          contextTokens,
        },
      };
    }
    case "openai-compatible": {
      const name = config.CHAT_MODEL ?? "databricks-dbrx-instruct";
      const model = createOpenAI({
        baseURL: config.CHAT_BASE_URL,
        apiKey: config.CHAT_API_KEY ?? "none",
        name: "openai-compatible",
      }).chat(name);
      return { model, info: { id: `openai-compatible:${name}`, offline: false, label: name, contextTokens } };
    }
    case "offline":
      return {
        model: new OfflineAnswerer(),
        info: {
          id: "offline:extractive-answerer",
          offline: true,
          label: "Offline answerer (quotes your documents)",
          contextTokens,
        },
      };
  }
}

/** The configured chat model: DBRX on Databricks, any OpenAI-compatible server, or the offline answerer. */
export function getChatModel(): ChatModel {
  return processState("chatModel", createChatModel);
}

export function getChatModelInfo(): ChatModelInfo {
  const { offline, label, contextTokens } = getChatModel().info;
  return { offline, label, contextTokens };
}
