import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ISSUER } from "./e2e/support/oidc-provider";
import { TEST_TOKEN } from "./e2e/support/openai-compatible-server";

export const APP_URL = "http://127.0.0.1:3201";
/** A second instance whose model and embeddings come from the local OpenAI-compatible test server. */
export const REMOTE_APP_URL = "http://127.0.0.1:3202";
export const MODEL_URL = "http://127.0.0.1:4010";
/** A third instance locked with APP_PASSWORD, and tight rate limits. */
export const LOCKED_APP_URL = "http://127.0.0.1:3203";
export const LOCKED_PASSWORD = "correct horse battery staple";
/** A fourth instance like the second, whose answers in progress live in Redis (Debian's redis-server). */
export const REDIS_APP_URL = "http://127.0.0.1:3204";
export const REDIS_PORT = 6391;
/** A fifth instance with accounts (AUTH_SECRET) and single sign-on through the local OpenID provider. */
export const ACCOUNTS_APP_URL = "http://127.0.0.1:3205";
export const E2E_MAX_UPLOAD_MB = 50;

const dataRoot = path.join(import.meta.dirname, ".cache", "e2e-data");

function appServer(name: string, port: number, env: Record<string, string>) {
  const dataDir = path.join(dataRoot, name);
  return {
    // A fresh data folder per run; the production build is made by `npm test` beforehand.
    command: `rm -rf '${dataDir}' && node scripts/launch.mjs start`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    env: { PORT: String(port), DATA_DIR: dataDir, MAX_UPLOAD_MB: String(E2E_MAX_UPLOAD_MB), ...env },
  };
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: "test-results/artifacts",
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `npx tsx e2e/support/openai-compatible-server.ts --port 4010`,
      url: `${MODEL_URL}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    appServer("offline", 3201, {}),
    // A Databricks workspace as the app sees it: chat (DBRX) and embeddings both go to the local server.
    appServer("remote", 3202, { DATABRICKS_HOST: MODEL_URL, DATABRICKS_TOKEN: TEST_TOKEN }),
    appServer("locked", 3203, { APP_PASSWORD: LOCKED_PASSWORD, RATE_LIMIT_CHAT_PER_MINUTE: "3" }),
    {
      command: `redis-server --port ${REDIS_PORT} --bind 127.0.0.1 --save '' --appendonly no`,
      port: REDIS_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    appServer("redis", 3204, {
      DATABRICKS_HOST: MODEL_URL,
      DATABRICKS_TOKEN: TEST_TOKEN,
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
    }),
    {
      command: `npx tsx e2e/support/oidc-provider.ts --redirect-uri ${ACCOUNTS_APP_URL}/api/sso/callback/oidc`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    appServer("accounts", 3205, {
      AUTH_SECRET: "e2e-accounts-secret-0123456789abcdef",
      APP_URL: ACCOUNTS_APP_URL,
      OIDC_ISSUER,
      OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET,
      OIDC_NAME: "Corp ID",
      OIDC_ALLOWED_DOMAINS: "corp.test",
    }),
  ],
});
