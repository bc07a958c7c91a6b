import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { freePort, startChroma } from "./chroma.mjs";
import { acquireDataDirLock, DataDirInUseError } from "./data-dir-lock.mjs";
import { running } from "./process-tree.mjs";

// The launcher runs against a stand-in for Next (NEXT_BIN), so that these tests need no build. It is
// "busy" when STANDIN_BUSY=1: it ignores SIGTERM, and so does a helper process it starts.
const standIn = `
import { spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
if (process.argv[2] === "build") process.exit(0);
const busy = process.env.STANDIN_BUSY === "1";
if (busy) process.on("SIGTERM", () => {});
const helper = spawn(
  process.execPath,
  ["-e", (busy ? "process.on('SIGTERM', () => {});" : "") + "setInterval(() => {}, 1000)"],
  { stdio: "ignore" },
);
const report = { pid: process.pid, helper: helper.pid, chromaUrl: process.env.CHROMA_URL, args: process.argv.slice(2) };
writeFileSync(process.env.STANDIN_REPORT + ".partial", JSON.stringify(report));
renameSync(process.env.STANDIN_REPORT + ".partial", process.env.STANDIN_REPORT);
setInterval(() => {}, 1000);
`;

type Report = { pid: number; helper: number; chromaUrl: string; args: string[] };

const work = mkdtempSync(path.join(tmpdir(), "launch-test-"));
const standInPath = path.join(work, "next-stand-in.mjs");
writeFileSync(standInPath, standIn);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const launchers: ChildProcess[] = [];
const strays: number[] = [];

afterEach(() => {
  for (const launcher of launchers.splice(0)) launcher.kill("SIGKILL");
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
});

async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const answers = (url: string) =>
  fetch(`${url}/api/v2/heartbeat`).then(
    (response) => response.ok,
    () => false,
  );

const lockIsFree = (dataDir: string) =>
  acquireDataDirLock(dataDir, { purpose: "test" }).then(
    async (lock) => {
      await lock.release();
      return true;
    },
    (error) => {
      if (error instanceof DataDirInUseError) return false;
      throw error;
    },
  );

async function startLauncher({ busy }: { busy: boolean }) {
  const dataDir = mkdtempSync(path.join(work, "data-"));
  const reportFile = path.join(dataDir, "stand-in.json");
  const port = String(await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: port,
    NEXT_BIN: standInPath,
    STANDIN_REPORT: reportFile,
    STANDIN_BUSY: busy ? "1" : "0",
  };
  // The launcher must run its own Chroma.
  delete env.CHROMA_URL;
  const launcher = spawn(process.execPath, [path.join(import.meta.dirname, "launch.mjs"), "start"], {
    env,
    stdio: ["ignore", "inherit", "pipe"],
  });
  launchers.push(launcher);
  let log = "";
  launcher.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    log += chunk;
  });
  const report: Report = await waitFor("the stand-in for Next runs", () => {
    if (launcher.exitCode !== null) throw new Error(`the launcher exited early:\n${log}`);
    try {
      return JSON.parse(readFileSync(reportFile, "utf8"));
    } catch {
      return null;
    }
  });
  strays.push(report.pid, report.helper);
  /** The Chroma servers the launcher has reported ready, in order. */
  const chromaPids = () =>
    [...log.matchAll(/\[launch\] Chroma (\S+) \(pid (\d+)/g)].map((match) => {
      expect(match[1]).toBe(report.chromaUrl);
      return Number(match[2]);
    });
  strays.push(...chromaPids());
  return { launcher, dataDir, port, report, log: () => log, chromaPids };
}

describe("the launcher", () => {
  it("on SIGTERM while Next is busy, stops Next's whole group, then Chroma, then frees the lock", async () => {
    const app = await startLauncher({ busy: true });
    const [chromaPid] = app.chromaPids();
    expect(app.report.args).toEqual(["start", "-p", app.port, "-H", "127.0.0.1"]);
    expect(await answers(app.report.chromaUrl)).toBe(true);
    expect(await lockIsFree(app.dataDir)).toBe(false);

    app.launcher.kill("SIGTERM");
    const [code] = await once(app.launcher, "exit");

    // Nothing to wait for: the launcher itself waited until its whole tree was gone.
    expect(code).toBe(0);
    expect(running(app.report.pid)).toBe(false);
    expect(running(app.report.helper)).toBe(false);
    expect(running(chromaPid)).toBe(false);
    expect(await answers(app.report.chromaUrl)).toBe(false);
    expect(await lockIsFree(app.dataDir)).toBe(true);
  }, 60_000);

  it("when it is SIGKILLed, its children stop by themselves and the DATA_DIR becomes free", async () => {
    const app = await startLauncher({ busy: true });
    const [chromaPid] = app.chromaPids();
    app.launcher.kill("SIGKILL");
    await once(app.launcher, "exit");

    // Chroma stops at once; the busy stand-in and its helper ignore SIGTERM until the SIGKILL after 10 s.
    await waitFor("the launcher's children are gone", () =>
      [app.report.pid, app.report.helper, chromaPid].every((pid) => !running(pid)),
    );
    expect(await answers(app.report.chromaUrl)).toBe(false);
    expect(await lockIsFree(app.dataDir)).toBe(true);
  }, 60_000);

  it("refuses a second start on the same DATA_DIR with a message naming it", async () => {
    const app = await startLauncher({ busy: false });
    const second = spawn(process.execPath, [path.join(import.meta.dirname, "launch.mjs"), "start"], {
      env: { ...process.env, DATA_DIR: app.dataDir, NEXT_BIN: standInPath },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let output = "";
    second.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    const [code] = await once(second, "exit");
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `DATA_DIR ${app.dataDir} is in use by process ${app.launcher.pid} (npm start). ` +
        "Stop it or choose another DATA_DIR.",
    );
    expect(running(app.report.pid)).toBe(true);
  }, 60_000);
});

describe("the launcher's Chroma", () => {
  it("is started again on the same port when it dies, while Next keeps running", async () => {
    const app = await startLauncher({ busy: false });
    const [first] = app.chromaPids();
    process.kill(first, "SIGKILL");

    const second = await waitFor("Chroma is started again", () => app.chromaPids()[1]);
    strays.push(second);
    expect(second).not.toBe(first);
    expect(await answers(app.report.chromaUrl)).toBe(true);
    expect(running(app.report.pid)).toBe(true);

    app.launcher.kill("SIGTERM");
    await once(app.launcher, "exit");
    expect(running(second)).toBe(false);
    expect(await lockIsFree(app.dataDir)).toBe(true);
  }, 60_000);

  it("is given up on, with a log line saying so, after five crashes in a row soon after starting", async () => {
    const app = await startLauncher({ busy: false });
    for (let crash = 1; crash <= 5; crash++) {
      const pid = await waitFor(`Chroma run ${crash} is ready`, () => app.chromaPids()[crash - 1]);
      strays.push(pid);
      process.kill(pid, "SIGKILL");
    }
    await waitFor("the launcher gives up", () => app.log().includes("giving up"));
    expect(app.log()).toMatch(
      /Chroma was killed by SIGKILL: 5 crashes in a row, each within a minute of starting/,
    );
    expect(app.chromaPids()).toHaveLength(5);
    expect(await answers(app.report.chromaUrl)).toBe(false);
    // The app stays up without it, and still stops cleanly.
    expect(running(app.report.pid)).toBe(true);
    app.launcher.kill("SIGTERM");
    const [code] = await once(app.launcher, "exit");
    expect(code).toBe(0);
    expect(running(app.report.pid)).toBe(false);
  }, 60_000);
});

describe("the app's Chroma collections", () => {
  const unitVector = [1, 0, 0, 0, 0, 0, 0, 0];
  // A server of this file's own, so that it can be replaced by an empty one on the same port.
  let chroma: Awaited<ReturnType<typeof startChroma>>;
  beforeAll(async () => {
    chroma = await startChroma({ dataPath: mkdtempSync(path.join(work, "chroma-")) });
    process.env.CHROMA_URL = chroma.url;
  });
  afterAll(() => chroma.stop());

  it("are opened again after the server was unreachable, not served from the cache", async () => {
    const { chunkCollection, queryChunks } = await import("@/lib/rag/chroma");
    // Vectors are passed in directly; only the collection's identity matters here.
    const embedder: Embedder = {
      id: "restart-test-8",
      dimension: 8,
      space: "ip",
      label: "test",
      offline: true,
      embedDocuments: async (texts) => texts.map(() => unitVector),
      embedQuery: async () => unitVector,
    };
    const query = { embedding: unitVector, topK: 1, documentIds: null };
    expect(await queryChunks(await chunkCollection(embedder, "restart-cache"), query)).toEqual([]);

    await chroma.stop();
    const failure = await queryChunks(await chunkCollection(embedder, "restart-cache"), query).catch(
      (error) => error,
    );
    expect(failure.status).toBe(503);

    // Back on the same port, but without the old collection: a cached handle would now fail for good.
    chroma = await startChroma({ dataPath: mkdtempSync(path.join(work, "chroma-")), port: chroma.port });
    expect(await queryChunks(await chunkCollection(embedder, "restart-cache"), query)).toEqual([]);
  });
});
