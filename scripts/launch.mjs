// `npm start` / `npm run dev`: starts Chroma (unless CHROMA_URL points elsewhere), builds the app when
// there is no build yet, and runs Next on PORT (default 3000) with everything kept under DATA_DIR.
//
// It holds the DATA_DIR lock (scripts/data-dir-lock.mjs) and stops everything it started, whatever state
// it is in. Each child runs in a process group of its own, tethered to the launcher: it inherits the lock,
// and stops by itself if the launcher dies, even by SIGKILL. On SIGINT, SIGTERM or SIGHUP the launcher
// signals Next's whole group (SIGTERM, then SIGKILL after 10 s) and waits until no process of it is left,
// then stops Chroma (SIGINT: after SIGTERM it spins), releases the lock and exits. A local Chroma that
// dies is started again on the same port and folder, with a backoff, until it keeps crashing.
import { once } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, spawnChroma } from "./chroma.mjs";
import { acquireDataDirLock, DataDirInUseError, spawnTethered, stopGroup } from "./data-dir-lock.mjs";

const NEXT_STOP_GRACE_MS = 10_000;
/** Waits before each restart of a Chroma that crashed soon after it started; one crash more and we give up. */
const CHROMA_RESTART_DELAYS_MS = [500, 1000, 2000, 4000];
/** A Chroma that ran this long before it died counts as stable: its crash streak starts over. */
const CHROMA_STABLE_MS = 60_000;

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
// Only tests set NEXT_BIN, to a stand-in for Next; unset, this is the project's own Next.
const nextBin = process.env.NEXT_BIN
  ? path.resolve(process.env.NEXT_BIN)
  : path.join(projectRoot, "node_modules/next/dist/bin/next");

let lock;
try {
  lock = await acquireDataDirLock(dataDir, { purpose: mode === "start" ? "npm start" : "npm run dev" });
} catch (error) {
  if (!(error instanceof DataDirInUseError)) throw error;
  console.error(`${error.message} Stop it or choose another DATA_DIR.`);
  process.exit(1);
}

const childEnv = { ...process.env, DATA_DIR: dataDir, PORT: port, NEXT_TELEMETRY_DISABLED: "1" };
/** @type {import("node:child_process").ChildProcess | null} */
let build = null;
/** @type {import("node:child_process").ChildProcess | null} */
let next = null;
/** @type {ReturnType<typeof superviseChroma> | null} */
let chroma = null;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of [build, next]) {
    if (child && !(await stopGroup(child, { signal: "SIGTERM", graceMs: NEXT_STOP_GRACE_MS }))) {
      console.error(`[launch] process group ${child.pid} is still there, even after SIGKILL`);
    }
  }
  await chroma?.stop();
  await workerWatch?.dispose?.();
  await lock.release();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => shutdown(0));

/**
 * Runs the local Chroma server and starts it again on the same port and folder when it dies, so that
 * the app's CHROMA_URL stays right. After repeated crashes soon after starting it gives up, and the app
 * keeps running without it (/api/health says so).
 */
function superviseChroma({ dataPath, port }) {
  const url = `http://127.0.0.1:${port}`;
  /** @type {ReturnType<typeof spawnChroma> | null} */
  let current = null;
  let restartTimer;
  let fastCrashes = 0;
  let stopped = false;
  // Until the first start succeeds, a failure is the launcher's to report (it then stops), not a crash.
  let everReady = false;

  function run() {
    const startedAt = Date.now();
    const server = spawnChroma({ dataPath, port, lock });
    current = server;
    server.ready.then(
      () => {
        everReady = true;
        console.error(`[launch] Chroma ${url} (pid ${server.process.pid}, data in ${dataPath})`);
      },
      // A server that never answered is killed, so that its exit below counts as a crash.
      () => server.process.kill("SIGKILL"),
    );
    server.process.once("exit", (code, signal) => {
      if (stopped || !everReady) return;
      fastCrashes = Date.now() - startedAt < CHROMA_STABLE_MS ? fastCrashes + 1 : 1;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const delay = CHROMA_RESTART_DELAYS_MS[fastCrashes - 1];
      if (delay === undefined) {
        console.error(
          `[launch] Chroma ${how}: ${fastCrashes} crashes in a row, each within a minute of starting; giving up. ` +
            `Search and uploads fail until the app is restarted. Its last output:\n${server.output()}`,
        );
        return;
      }
      console.error(`[launch] Chroma (pid ${server.process.pid}) ${how}; starting it again in ${delay} ms`);
      restartTimer = setTimeout(run, delay);
    });
    return server.ready;
  }

  return {
    url,
    firstStart: run(),
    stop: async () => {
      stopped = true;
      clearTimeout(restartTimer);
      await current?.stop();
    },
  };
}

let workerWatch = null;

async function main() {
  // The ingestion worker thread runs from its own bundle (scripts/build-worker.mjs): rebuilt on
  // change in dev, built when missing for start.
  const workerBundle = path.join(projectRoot, "lib/ingest/worker/dist/ingest-worker.mjs");
  if (mode === "dev" || !existsSync(workerBundle)) {
    const { buildWorker } = await import("./build-worker.mjs");
    workerWatch = await buildWorker({ watch: mode === "dev" });
  }
  if (mode === "start" && !existsSync(path.join(projectRoot, ".next/BUILD_ID"))) {
    console.error("[launch] no production build yet: running next build…");
    build = spawnTethered({ script: nextBin, args: ["build"], env: childEnv, lock });
    const [code] = await once(build, "exit");
    if (stopping) return;
    build = null;
    if (code !== 0) return shutdown(code ?? 1);
  }

  if (process.env.CHROMA_URL) {
    console.error(`[launch] using the Chroma server at ${process.env.CHROMA_URL}`);
  } else {
    chroma = superviseChroma({ dataPath: path.join(dataDir, "chroma"), port: await freePort() });
    childEnv.CHROMA_URL = chroma.url;
    try {
      await chroma.firstStart;
    } catch (error) {
      console.error(`[launch] Chroma did not start: ${error instanceof Error ? error.message : error}`);
      return shutdown(1);
    }
  }
  if (stopping) return;

  next = spawnTethered({
    script: nextBin,
    args: [mode, "-p", port, "-H", host],
    env: childEnv,
    lock,
    stopSignal: "SIGTERM",
    graceMs: NEXT_STOP_GRACE_MS,
  });
  next.once("exit", (code, signal) => {
    if (!stopping)
      console.error(`[launch] Next ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`);
    shutdown(code ?? 1);
  });
}

main().catch((error) => {
  console.error(error);
  shutdown(1);
});
