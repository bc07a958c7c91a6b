// `npm test`: every test, unit and end-to-end. Unit and store tests run in Vitest against a real
// Chroma server; then the app is built and Playwright drives it in Debian's Chromium. Ends with one
// line "N passed, N failed" computed from both runners' JSON reports.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const results = path.join(root, "test-results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (command, args) => spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;

const unitReport = path.join(results, "unit.json");
const e2eReport = path.join(results, "e2e.json");

// Formatting, lint and strict type checks count as one check.
const lintFailed = run(bin("biome"), ["check", "."]) !== 0 || run(bin("tsc"), ["--noEmit"]) !== 0;
console.log(lintFailed ? "lint: failed" : "lint: passed (biome check, tsc --noEmit)");

run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`]);

let buildFailed = false;
if (!process.argv.includes("--unit")) {
  // Built with canary secrets in the environment; e2e/bundle-secrets.spec.ts checks none reaches the browser.
  // The standalone output is what the Dockerfile ships; e2e/standalone.spec.ts runs it as the image would.
  const canaries = {
    DATABRICKS_HOST: "https://canary-workspace.invalid",
    DATABRICKS_TOKEN: "dapi-canary-token-5e1f",
    CHAT_API_KEY: "canary-chat-key-77a0",
    EMBEDDING_API_KEY: "canary-embedding-key-19c3",
    CHROMA_API_KEY: "canary-chroma-key-4b2d",
    DATABASE_URL: "postgres://canary-user:canary-db-pass-8d1e@canary-db.invalid:5432/app",
    APP_PASSWORD: "canary-password-2c9f",
    SESSION_SECRET: "canary-session-secret-6a4e",
  };
  buildFailed =
    run(process.execPath, ["scripts/build-worker.mjs"]) !== 0 ||
    spawnSync(bin("next"), ["build"], {
      stdio: "inherit",
      env: { ...env, ...canaries, NEXT_OUTPUT: "standalone" },
    }).status !== 0;
  if (!buildFailed) run(bin("playwright"), ["test"]);
}

function count(file, read) {
  if (!existsSync(file)) return { passed: 0, failed: 1, missing: true };
  return read(JSON.parse(readFileSync(file, "utf8")));
}
const unit = count(unitReport, (report) => ({
  passed: report.numPassedTests,
  failed: report.numFailedTests + (report.success ? 0 : report.numFailedTests === 0 ? 1 : 0),
}));
const e2e = process.argv.includes("--unit")
  ? { passed: 0, failed: 0 }
  : buildFailed
    ? { passed: 0, failed: 1 }
    : count(e2eReport, (report) => ({
        passed: report.stats.expected + report.stats.flaky,
        failed: report.stats.unexpected + (report.errors?.length ?? 0),
      }));

console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed${unit.missing ? " (no report)" : ""}`);
if (!process.argv.includes("--unit"))
  console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed${buildFailed ? " (build failed)" : ""}`);
const passed = unit.passed + e2e.passed + (lintFailed ? 0 : 1);
const failed = unit.failed + e2e.failed + (lintFailed ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
