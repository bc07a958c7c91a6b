// Starts a real Chroma server from the `chromadb` npm package.
// Its native binding needs glibc >= 2.38. On older systems (Debian 12 has 2.36) we unpack
// Debian 13's libc6/libgcc-s1/libstdc++6 into a private folder and run node through that
// folder's own dynamic loader; no system file is touched.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
    if (child.exitCode !== null) throw new Error(`Chroma exited with code ${child.exitCode}`);
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
 * Starts `chroma run --path <dataPath> --port <port>` and resolves once it answers its heartbeat.
 * Returns { url, port, process, stop }. Stop uses SIGINT: after SIGTERM the server spins at 100% CPU.
 * @param {{ dataPath: string, port?: number, log?: (message: string) => void, quiet?: boolean }} options
 */
export async function startChroma({ dataPath, port, log = console.error, quiet = true }) {
  if (!dataPath) throw new Error("startChroma needs a dataPath");
  mkdirSync(dataPath, { recursive: true });
  const chosenPort = port ?? (await freePort());
  const chromaArgs = [chromaCli, "run", "--path", dataPath, "--port", String(chosenPort)];
  let command = process.execPath;
  let args = chromaArgs;
  if (needsPrivateRuntime()) {
    ensurePrivateRuntime({ log });
    command = loaderPath;
    args = ["--library-path", libraryPath, process.execPath, ...chromaArgs];
  }
  const child = spawn(command, args, {
    stdio: quiet ? ["ignore", "ignore", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${chosenPort}`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killTimer = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(killTimer);
        resolve();
      });
      child.kill("SIGINT");
    });
  try {
    await waitForHeartbeat(url, child, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${stderr}`);
  }
  return { url, port: chosenPort, process: child, stop };
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
