import { readFileSync } from "node:fs";
import { parseEnv as parseDotenv } from "node:util";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("accepts .env.example exactly as shipped, with its defaults", () => {
    const example = parseDotenv(readFileSync(".env.example", "utf8"));
    const env = parseEnv(example);
    expect(env).toMatchObject({
      CHUNK_TOKENS: 512,
      CHUNK_OVERLAP_TOKENS: 64,
      MAX_UPLOAD_MB: 50,
      CHAT_CONTEXT_TOKENS: 32768,
    });
    expect(env).toMatchObject({ INGEST_CONCURRENCY: 1, RUN_INGEST_WORKER: true, originalsStore: "files" });
    expect(env.maxUnzippedBytes).toBe(4 * 50 * 1024 * 1024);
    expect(env.ALLOWED_HOSTS).toEqual(["localhost", "127.0.0.1", "[::1]"]);
    expect(env.CHROMA_URL).toBeUndefined();
    expect(env).toMatchObject({ OCR: "on", OCR_LANGUAGES: ["eng"] });
  });

  it("reads OCR_LANGUAGES as tesseract codes joined by +, and refuses anything else", () => {
    expect(parseEnv({ OCR_LANGUAGES: "eng+deu+chi_sim" }).OCR_LANGUAGES).toEqual(["eng", "deu", "chi_sim"]);
    expect(() => parseEnv({ OCR_LANGUAGES: "eng,deu" })).toThrow(/OCR_LANGUAGES/);
    expect(() => parseEnv({ OCR: "maybe" })).toThrow(/OCR/);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ CHUNK_TOKENS: "lots" })).toThrow(/CHUNK_TOKENS/);
    expect(() => parseEnv({ CHROMA_URL: "not a url" })).toThrow(/CHROMA_URL/);
    expect(() => parseEnv({ CHUNK_TOKENS: "128", CHUNK_OVERLAP_TOKENS: "100" })).toThrow(
      /CHUNK_OVERLAP_TOKENS/,
    );
    expect(() => parseEnv({ EMBEDDING_PROVIDER: "databricks" })).toThrow(
      /DATABRICKS_HOST and DATABRICKS_TOKEN/,
    );
  });

  it("refuses an accounts configuration that could not work, saying what is missing", () => {
    expect(() => parseEnv({ AUTH_SECRET: "too-short" })).toThrow(/AUTH_SECRET: at least 32 characters/);
    const secret = "a".repeat(32);
    expect(() => parseEnv({ AUTH_SECRET: secret, OIDC_ISSUER: "https://id.example.com" })).toThrow(
      /OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and APP_URL/,
    );
    expect(() =>
      parseEnv({
        OIDC_ISSUER: "https://id.example.com",
        OIDC_CLIENT_ID: "c",
        OIDC_CLIENT_SECRET: "s",
        APP_URL: "https://docs.example.com",
      }),
    ).toThrow(/needs AUTH_SECRET/);
    expect(() => parseEnv({ AUTH_SECRET: secret, ADMIN_EMAIL: "a@example.com" })).toThrow(/go together/);
    expect(
      parseEnv({ AUTH_SECRET: secret, OIDC_ALLOWED_DOMAINS: " Corp.Example , lab.example " })
        .OIDC_ALLOWED_DOMAINS,
    ).toEqual(["corp.example", "lab.example"]);
  });
});
