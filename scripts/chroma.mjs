// Starts a real Chroma server from the `chromadb` npm package.
// Its native binding needs glibc >= 2.38. On older systems (Debian 12 has 2.36) we unpack
// Debian 13's libc6/libgcc-s1/libstdc++6 into a private folder and run node through that
// folder's own dynamic loader; no system file is touched.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnTethered, stopGroup } from "./data-dir-lock.mjs";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtimeDir = path.join(projectRoot, ".cache", "chroma-runtime");
const loaderPath = path.join(runtimeDir, "usr/lib64/ld-linux-x86-64.so.2");
const libraryPath = path.join(runtimeDir, "usr/lib/x86_64-linux-gnu");
const chromaCli = path.join(projectRoot, "node_modules/chromadb/dist/cli.mjs");
const MIN_GLIBC = [2, 38];

function glibcVersion() {
  const version = process.report?.getReport()?.header?.glibcVersionRuntime;
  return version ? version.split(".").map(Number) : null;
}

export function needsPrivateRuntime() {
  const version = glibcVersion();
  if (!version) return false; // macOS or musl: run the bin directly
  return version[0] < MIN_GLIBC[0] || (version[0] === MIN_GLIBC[0] && version[1] < MIN_GLIBC[1]);
}

function debianMirror() {
  const sources = "/etc/apt/sources.list.d/debian.sources";
  if (existsSync(sources)) {
    const match = readFileSync(sources, "utf8").match(/^URIs:\s*(\S+)/m);
    if (match) return match[1];
  }
  return "http://deb.debian.org/debian";
}

/** Downloads Debian 13's runtime libraries into .cache/chroma-runtime once (about 16 MB). */
export function ensurePrivateRuntime({ log = console.error } = {}) {
  if (existsSync(loaderPath)) return;
  log("[chroma] glibc is older than 2.38: fetching Debian 13 runtime libraries (once)…");
  const work = path.join(projectRoot, ".cache", "chroma-apt");
  rmSync(work, { recursive: true, force: true });
  for (const dir of ["lists/partial", "archives/partial", "debs"]) {
    mkdirSync(path.join(work, dir), { recursive: true });
  }
  const sourcesFile = path.join(work, "trixie.list");
  writeFileSync(
    sourcesFile,
    `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${debianMirror()} trixie main\n`,
  );
  const aptOptions = [
    `-oDir::Etc::SourceList=${sourcesFile}`,
    "-oDir::Etc::SourceParts=/dev/null",
    `-oDir::State::Lists=${path.join(work, "lists")}`,
    `-oDir::Cache::archives=${path.join(work, "archives")}`,
    "-oAPT::Sandbox::User=root",
    "-qq",
  ];
  execFileSync("apt-get", [...aptOptions, "update"], { stdio: "inherit" });
  const debs = path.join(work, "debs");
  execFileSync("apt-get", [...aptOptions, "download", "libc6", "libgcc-s1", "libstdc++6"], {
    cwd: debs,
    stdio: "inherit",
  });
  const staging = `${runtimeDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const deb of readdirSync(debs).filter((name) => name.endsWith(".deb"))) {
    execFileSync("dpkg", ["-x", path.join(debs, deb), staging]);
  }
  rmSync(runtimeDir, { recursive: true, force: true });
  execFileSync("mv", [staging, runtimeDir]);
  rmSync(work, { recursive: true, force: true });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHeartbeat(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Chroma exited (${child.signalCode ?? `code ${child.exitCode}`}) before it answered`);
    }
    try {
      const response = await fetch(`${url}/api/v2/heartbeat`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Chroma did not answer ${url}/api/v2/heartbeat within ${timeoutMs} ms`);
}

/**
 * Spawns `chroma run --path <dataPath> --port <port>` and returns at once; `ready` resolves once it answers
 * its heartbeat. The server runs in its own process group, tethered to this process
 * (scripts/data-dir-lock.mjs): it stops by itself if this process dies, and holds `lock` while it runs.
 * `stop` uses SIGINT (then SIGKILL after 5 s): after SIGTERM the server spins at 100% CPU.
 * @param {{
 *   dataPath: string,
 *   port: number,
 *   log?: (message: string) => void,
 *   quiet?: boolean,
 *   lock?: import("./data-dir-lock.mjs").DataDirLock | null,
 * }} options
 */
export function spawnChroma({ dataPath, port, log = console.error, quiet = true, lock = null }) {
  mkdirSync(dataPath, { recursive: true });
  let runner = [process.execPath];
  if (needsPrivateRuntime()) {
    ensurePrivateRuntime({ log });
    runner = [loaderPath, "--library-path", libraryPath, process.execPath];
  }
  const child = spawnTethered({
    runner,
    script: chromaCli,
    args: ["run", "--path", dataPath, "--port", String(port)],
    lock,
    stopSignal: "SIGINT",
    graceMs: 5000,
    stdio: quiet ? ["ignore", "ignore", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const ready = waitForHeartbeat(url, child, 30_000).catch((error) => {
    throw new Error(`${error.message}\n${stderr}`);
  });
  // Callers that only watch the process (the launcher's restarts) need not handle a failed start.
  ready.catch(() => {});
  /** @returns {Promise<void>} */
  const stop = async () => {
    if (!(await stopGroup(child, { signal: "SIGINT", graceMs: 5000 }))) {
      log(`[chroma] process ${child.pid} did not stop, even after SIGKILL`);
    }
  };
  return { url, port, process: child, ready, stop, output: () => stderr };
}

/**
 * Starts a Chroma server (see spawnChroma) on `port` or a free one and resolves once it answers its
 * heartbeat. Returns { url, port, process, stop }.
 * @param {{
 *   dataPath: string,
 *   port?: number,
 *   log?: (message: string) => void,
 *   quiet?: boolean,
 *   lock?: import("./data-dir-lock.mjs").DataDirLock | null,
 * }} options
 */
export async function startChroma({ dataPath, port, log = console.error, quiet = true, lock = null }) {
  if (!dataPath) throw new Error("startChroma needs a dataPath");
  const chroma = spawnChroma({ dataPath, port: port ?? (await freePort()), log, quiet, lock });
  try {
    await chroma.ready;
  } catch (error) {
    await chroma.stop();
    throw error;
  }
  return chroma;
}

// CLI: `node scripts/chroma.mjs [--path DIR] [--port P]` runs a server in the foreground.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = (name) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const dataPath = path.resolve(flag("--path") ?? path.join(process.env.DATA_DIR ?? "data", "chroma"));
  const port = flag("--port") ? Number(flag("--port")) : 8000;
  const chroma = await startChroma({ dataPath, port, quiet: false });
  console.error(`[chroma] ${chroma.url} (data in ${dataPath})`);
  const shutdown = () => chroma.stop().then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
