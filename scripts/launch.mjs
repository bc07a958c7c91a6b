// `npm start` / `npm run dev`: starts Chroma (unless CHROMA_URL points elsewhere), builds the app when
// there is no build yet, and runs Next on PORT (default 3000) with everything kept under DATA_DIR.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startChroma } from "./chroma.mjs";

const mode = process.argv[2];
if (mode !== "start" && mode !== "dev") {
  console.error("usage: node scripts/launch.mjs start|dev");
  process.exit(2);
}
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(projectRoot);
for (const file of [".env", ".env.local"]) {
  if (existsSync(file)) process.loadEnvFile(file);
}

const dataDir = path.resolve(process.env.DATA_DIR || "data");
const port = process.env.PORT || "3000";
// Local by default; a hosted deployment sets HOST=0.0.0.0.
const host = process.env.HOST || "127.0.0.1";
mkdirSync(dataDir, { recursive: true });

// One running app per data folder: the embedded database and Chroma's files are not shared.
const lockFile = path.join(dataDir, "app.lock");
if (existsSync(lockFile)) {
  const holder = Number(readFileSync(lockFile, "utf8"));
  let alive = false;
  try {
    process.kill(holder, 0);
    alive = holder !== process.pid;
  } catch {}
  if (alive) {
    console.error(`DATA_DIR ${dataDir} is in use by process ${holder}. Stop it or choose another DATA_DIR.`);
    process.exit(1);
  }
}
writeFileSync(lockFile, String(process.pid));

const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");
const childEnv = { ...process.env, DATA_DIR: dataDir, PORT: port, NEXT_TELEMETRY_DISABLED: "1" };

if (mode === "start" && !existsSync(path.join(projectRoot, ".next/BUILD_ID"))) {
  console.error("[launch] no production build yet: running next build…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let chroma;
if (!process.env.CHROMA_URL) {
  chroma = await startChroma({ dataPath: path.join(dataDir, "chroma") });
  childEnv.CHROMA_URL = chroma.url;
  console.error(`[launch] Chroma ${chroma.url} (data in ${path.join(dataDir, "chroma")})`);
} else {
  console.error(`[launch] using the Chroma server at ${process.env.CHROMA_URL}`);
}

const next = spawn(process.execPath, [nextBin, mode, "-p", port, "-H", host], {
  stdio: "inherit",
  env: childEnv,
});

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  await chroma?.stop();
  rmSync(lockFile, { force: true });
  process.exit(code);
}
next.on("exit", (code) => shutdown(code ?? 0));
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
