import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirInUseError, lockAddress } from "./data-dir-lock.mjs";
import { running } from "./process-tree.mjs";

const lockModule = new URL("./data-dir-lock.mjs", import.meta.url).href;
const started: ChildProcess[] = [];
const strays: number[] = [];

afterEach(() => {
  for (const child of started.splice(0)) child.kill("SIGKILL");
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `code` (an ES module that can import the lock module as `lock`) in a process of its own. */
function runNode(code: string, env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ["--input-type=module", "-e", `import * as lock from ${JSON.stringify(lockModule)};\n${code}`],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } },
  );
  started.push(child);
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  return { child, output: () => output };
}

/** A process that takes the lock of `dataDir` and keeps it until it is killed. */
async function holder(dataDir: string, abstract: boolean) {
  const run = runNode(
    `await lock.acquireDataDirLock(process.env.LOCK_DIR, { purpose: "test holder", abstract: ${abstract} });
     process.stdout.write("locked\\n");
     setInterval(() => {}, 1000);`,
    { LOCK_DIR: dataDir },
  );
  await waitFor("the holder has the lock", () => run.output().includes("locked"));
  return run.child;
}

const root = mkdtempSync(path.join(tmpdir(), "data-dir-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function freshDir(name = "data") {
  return path.join(mkdtempSync(path.join(root, "case-")), name);
}

describe.each([
  { kind: "abstract socket", abstract: true },
  { kind: "socket file", abstract: false },
])("the DATA_DIR lock ($kind)", ({ abstract }) => {
  it.skipIf(abstract && process.platform !== "linux")(
    "refuses a second holder while the first lives, and is free at once after the first is SIGKILLed",
    async () => {
      const dataDir = freshDir();
      const first = await holder(dataDir, abstract);

      const refused = await acquireDataDirLock(dataDir, { purpose: "second", abstract }).catch(
        (error) => error,
      );
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect(refused.message).toBe(`DATA_DIR ${dataDir} is in use by process ${first.pid} (test holder).`);

      first.kill("SIGKILL");
      await once(first, "exit");
      // A socket file outlives its listener; it must not count.
      if (!abstract) expect(existsSync(path.join(dataDir, "app.sock"))).toBe(true);
      const lock = await acquireDataDirLock(dataDir, { purpose: "second", abstract });
      await lock.release();
      // Released: taken again by the same process.
      await (await acquireDataDirLock(dataDir, { purpose: "third", abstract })).release();
    },
  );

  it("takes a folder whose socket path would be too long for sun_path", async () => {
    const dataDir = path.join(freshDir("x".repeat(60)), "y".repeat(60));
    mkdirSync(dataDir, { recursive: true });
    const address = lockAddress(dataDir, abstract);
    expect(Buffer.byteLength(address)).toBeLessThanOrEqual(107);
    const first = await holder(dataDir, abstract);
    await expect(acquireDataDirLock(dataDir, { purpose: "second", abstract })).rejects.toThrow(
      DataDirInUseError,
    );
    first.kill("SIGKILL");
    await once(first, "exit");
    await (await acquireDataDirLock(dataDir, { purpose: "second", abstract })).release();
  });
});

describe("an app.lock left by an earlier version", () => {
  it("does not block when its PID is alive but is not that launcher (the test runner's, init's)", async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { recursive: true });
    for (const pid of [process.pid, process.ppid, 1]) {
      writeFileSync(path.join(dataDir, "app.lock"), String(pid));
      const lock = await acquireDataDirLock(dataDir, { purpose: "test" });
      expect(existsSync(path.join(dataDir, "app.lock"))).toBe(false);
      await lock.release();
    }
  });

  it.skipIf(process.platform !== "linux")(
    "blocks while the old launcher that wrote it still runs, and not once that PID is reused",
    async () => {
      const dataDir = freshDir();
      mkdirSync(dataDir, { recursive: true });
      // An old launcher, as far as /proc can tell: its command line ends in scripts/launch.mjs.
      const oldLauncher = spawn(process.execPath, [
        "-e",
        "setInterval(() => {}, 1000)",
        "scripts/launch.mjs",
      ]);
      started.push(oldLauncher);
      await waitFor("the old launcher runs", () => running(oldLauncher.pid ?? 0));
      const lockFile = path.join(dataDir, "app.lock");
      writeFileSync(lockFile, String(oldLauncher.pid));
      const refused = await acquireDataDirLock(dataDir, { purpose: "test" }).catch((error) => error);
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect(refused.message).toContain(`process ${oldLauncher.pid} (an earlier version of the app)`);
      expect(existsSync(lockFile)).toBe(true);

      // The same file from before that process started, as after a reboot: its writer is gone.
      utimesSync(lockFile, new Date(2020, 0, 1), new Date(2020, 0, 1));
      await (await acquireDataDirLock(dataDir, { purpose: "test" })).release();
      expect(existsSync(lockFile)).toBe(false);
    },
  );
});

describe.skipIf(process.platform !== "linux")("children started with spawnTethered", () => {
  it("hold the lock after their parent is SIGKILLed, are told to stop, and free it when they are gone", async () => {
    const dataDir = freshDir();
    // The child ignores SIGTERM, and its grace period is long: it outlives its parent until we kill it.
    const parent = runNode(
      `const held = await lock.acquireDataDirLock(process.env.LOCK_DIR, { purpose: "parent" });
       const child = lock.spawnTethered({
         script: "-e",
         args: ["process.on('SIGTERM', () => process.stdout.write('SIGTERM\\\\n')); setInterval(() => {}, 1000)"],
         lock: held,
         graceMs: 600000,
         stdio: ["ignore", "inherit", "inherit"],
       });
       process.stdout.write("child " + child.pid + "\\n");
       setInterval(() => {}, 1000);`,
      { LOCK_DIR: dataDir },
    );
    await waitFor("the child started", () => /child \d+/.test(parent.output()));
    const childPid = Number(parent.output().match(/child (\d+)/)?.[1]);
    strays.push(childPid);
    await expect(acquireDataDirLock(dataDir, { purpose: "test" })).rejects.toThrow(/process \d+ \(parent\)/);

    parent.child.kill("SIGKILL");
    await once(parent.child, "exit");
    await waitFor("the tether signalled the child", () => parent.output().includes("SIGTERM"));
    expect(running(childPid)).toBe(true);
    const refused = await acquireDataDirLock(dataDir, { purpose: "test" }).catch((error) => error);
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect(refused.message).toBe(`DATA_DIR ${dataDir} is in use by another process.`);

    process.kill(childPid, "SIGKILL");
    await waitFor("the child is gone", () => !running(childPid));
    await (await acquireDataDirLock(dataDir, { purpose: "test" })).release();
  });
});
