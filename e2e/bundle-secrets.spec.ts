import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm test` builds the app with canary values in every secret variable (scripts/test.mjs). The UI may
// name the variables ("set DATABRICKS_TOKEN…"); their values must never appear.
const CANARIES = [
  "canary-token",
  "canary-chat-key",
  "canary-embedding-key",
  "canary-chroma-key",
  "canary-db-pass",
  "canary-password",
  "canary-session-secret",
];

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

// The pages a running server sends are checked against that server's own secrets in standalone.spec.ts.
test("no secret value is in the browser bundle", async () => {
  const staticDir = path.join(import.meta.dirname, "..", ".next", "static");
  const bundle = files(staticDir).filter((file) => /\.(js|css|html|json)$/.test(file));
  expect(bundle.length).toBeGreaterThan(5);
  for (const file of bundle) {
    const text = readFileSync(file, "utf8");
    for (const secret of CANARIES) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
  }
});
