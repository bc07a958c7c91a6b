import { describe, expect, it } from "vitest";
import {
  EMBEDDING_DIMENSION,
  type RecordedRequest,
  TEST_TOKEN,
} from "@/e2e/support/openai-compatible-server";
import { AppError } from "@/lib/errors";
import { RemoteEmbedder } from "./remote";

const baseURL = `${process.env.TEST_MODEL_URL}/serving-endpoints`;

async function recorded(): Promise<RecordedRequest[]> {
  return (await fetch(`${process.env.TEST_MODEL_URL}/requests`)).json();
}

describe("RemoteEmbedder (Databricks-style OpenAI-compatible endpoint)", () => {
  it("posts {model, input} with the bearer token to /serving-endpoints/embeddings", async () => {
    const embedder = new RemoteEmbedder({
      provider: "databricks",
      baseURL,
      apiKey: TEST_TOKEN,
      model: "databricks-gte-large-en",
    });
    const vectors = await embedder.embedDocuments(["first passage", "second passage"]);
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(EMBEDDING_DIMENSION);
    expect(embedder.dimension).toBe(EMBEDDING_DIMENSION);
    expect(embedder.id).toBe("databricks:databricks-gte-large-en");

    const last = (await recorded()).at(-1);
    expect(last?.path).toBe("/serving-endpoints/embeddings");
    expect(last?.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(last?.body).toMatchObject({
      model: "databricks-gte-large-en",
      input: ["first passage", "second passage"],
    });
  });

  it("embeds a query into the same space as documents", async () => {
    const embedder = new RemoteEmbedder({
      provider: "openai-compatible",
      baseURL,
      apiKey: TEST_TOKEN,
      model: "m",
    });
    const [document] = await embedder.embedDocuments(["alpha beta"]);
    expect(await embedder.embedQuery("alpha beta")).toEqual(document);
  });

  it("turns a rejected token into a readable error", async () => {
    const embedder = new RemoteEmbedder({ provider: "databricks", baseURL, apiKey: "wrong", model: "m" });
    const error = await embedder.embedDocuments(["x"]).catch((caught) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toMatch(/credentials|token/);
  });

  it("says when the endpoint cannot be reached", async () => {
    const embedder = new RemoteEmbedder({
      provider: "databricks",
      baseURL: "http://127.0.0.1:9/x",
      apiKey: "t",
      model: "m",
    });
    const error = await embedder.embedQuery("x").catch((caught) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toMatch(/could not be reached/);
  });
});
