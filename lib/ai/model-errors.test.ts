import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readableChatError } from "./model-errors";

const callError = (statusCode: number | undefined, responseBody = "") =>
  new APICallError({
    message: "failed",
    url: "https://workspace/serving-endpoints/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseBody,
  });

describe("readableChatError", () => {
  it("names the token for 401 and 403", () => {
    expect(readableChatError(callError(401))).toMatch(/refused the token \(HTTP 401\).*DATABRICKS_TOKEN/);
    expect(readableChatError(callError(403))).toMatch(/HTTP 403/);
  });

  it("points at the endpoint name for 404", () => {
    expect(readableChatError(callError(404))).toMatch(/DATABRICKS_CHAT_ENDPOINT \(or CHAT_MODEL\)/);
  });

  it("asks to wait and retry for 429 and 5xx", () => {
    expect(readableChatError(callError(429))).toMatch(/rate limiting.*retry/i);
    expect(readableChatError(callError(503))).toMatch(/HTTP 503.*retry/);
  });

  it("recognises a context-length error", () => {
    expect(
      readableChatError(callError(400, '{"error":{"message":"maximum context length is 32768 tokens"}}')),
    ).toMatch(/too long for the model's context window/);
  });

  it("says when the endpoint cannot be reached", () => {
    expect(readableChatError(callError(undefined))).toMatch(/could not be reached.*DATABRICKS_HOST/);
  });

  it("passes the app's own messages through", () => {
    expect(readableChatError(new AppError("upstream_unavailable", "Chroma is down."))).toBe(
      "Chroma is down.",
    );
  });
});
