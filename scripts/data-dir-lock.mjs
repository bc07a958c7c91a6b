// One process tree at a time may use a DATA_DIR: the embedded database and Chroma's files are not shared.
//
// The lock is a listening Unix-domain socket, so the kernel releases it when its holder dies, however it
// dies (exit, crash, SIGKILL, reboot). Nothing is read back and compared, so a zombie or a reused PID cannot
// keep a folder locked, as the PID file of earlier versions could. On Linux the socket is in the abstract
// namespace, named by a hash of the folder's real path: binding it is atomic, nothing is left on disk,
// and the 107-byte sun_path limit cannot bite. Elsewhere (macOS) it is DATA_DIR/app.sock, or a hashed
// name in the temp folder when that path is too long; a socket file nobody listens on is stale and replaced.
//
// The holder's children share the lock. spawnTethered hands them the listening socket, so the folder stays
// locked until the last process of the tree is gone, and a lifeline pipe makes them stop when the holder
// dies: nothing a crashed or SIGKILLed launcher leaves running can meet a second instance on the folder.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, unlinkSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isMainThread, Worker, workerData } from "node:worker_threads";

/** @typedef {{ pid: number, purpose: string }} LockHolder */
/**
 * @typedef {object} DataDirLock
 * @property {string} dataDir the folder's real path
 * @property {string} address the socket's address ("\0…" in Linux's abstract namespace)
 * @property {number | null} fd the listening socket's descriptor, for children to inherit
 * @property {() => Promise<void>} release
 */

const SUN_PATH_MAX = 107;
const HOLDER_ANSWER_MS = 2000;
const TETHER_ENV = "DATA_DIR_TETHER";

export class DataDirInUseError extends Error {
  /**
   * @param {string} dataDir
   * @param {LockHolder | null} holder null when the holder did not say who it is: a child of a killed
   *   launcher that is still stopping, which holds the lock but does not answer.
   */
  constructor(dataDir, holder) {
    super(
      `DATA_DIR ${dataDir} is in use by ${holder ? `process ${holder.pid} (${holder.purpose})` : "another process"}.`,
    );
    this.name = "DataDirInUseError";
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

/**
 * Where the lock of a folder lives.
 * @param {string} realDir the folder's real path
 * @param {boolean} [abstract] Linux's abstract namespace (the default on Linux) or a socket file
 */
export function lockAddress(realDir, abstract = process.platform === "linux") {
  const digest = createHash("sha256").update(realDir).digest("hex").slice(0, 32);
  if (abstract) return `\0dbrx-docs-chat-data-dir-${digest}`;
  const inFolder = path.join(realDir, "app.sock");
  if (Buffer.byteLength(inFolder) <= SUN_PATH_MAX) return inFolder;
  return path.join(os.tmpdir(), `dbrx-docs-chat-${digest}.sock`);
}

/**
 * Takes the lock of `dataDir` for this process, or throws DataDirInUseError naming its holder.
 * It lasts until `release()` or until this process ends; it never keeps the process alive.
 * @param {string} dataDir
 * @param {{ purpose: string, abstract?: boolean }} options purpose is shown to whoever is refused
 * @returns {Promise<DataDirLock>}
 */
export async function acquireDataDirLock(dataDir, { purpose, abstract }) {
  mkdirSync(dataDir, { recursive: true });
  const realDir = realpathSync(dataDir);
  const address = lockAddress(realDir, abstract);
  const greeting = `${JSON.stringify({ pid: process.pid, purpose })}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const server = net.createServer((socket) => {
      socket.on("error", () => {});
      socket.end(greeting);
    });
    const error = await listen(server, address);
    if (error) {
      if (error.code !== "EADDRINUSE") throw error;
      const probe = await probeLock(address);
      if (probe.held) throw new DataDirInUseError(dataDir, probe.holder);
      if (probe.inode !== null) removeStaleSocket(address, probe.inode);
      continue;
    }
    server.unref();
    const lock = {
      dataDir: realDir,
      address,
      // Node has no public accessor for a server's descriptor; this is the Unix one (undefined elsewhere).
      fd: server._handle?.fd >= 0 ? server._handle.fd : null,
      release: () => new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
    };
    const legacyFile = path.join(realDir, "app.lock");
    const legacy = legacyHolder(legacyFile);
    if (legacy) {
      await lock.release();
      throw new DataDirInUseError(dataDir, legacy);
    }
    rmSync(legacyFile, { force: true });
    return lock;
  }
  // Only a holder that keeps appearing and vanishing between our bind and connect gets here.
  throw new DataDirInUseError(dataDir, null);
}

/** @returns {Promise<NodeJS.ErrnoException | null>} */
function listen(server, address) {
  return new Promise((resolve) => {
    server.once("error", resolve);
    server.listen(address, () => {
      server.off("error", resolve);
      resolve(null);
    });
  });
}

/**
 * Connects to a lock that could not be bound: a listener answers with its holder (or, if it is a child
 * holding an inherited lock, not at all); a refused connection means a socket file nobody listens on.
 * @returns {Promise<{ held: true, holder: LockHolder | null } | { held: false, inode: number | null }>}
 */
function probeLock(address) {
  let inode = null;
  if (!address.startsWith("\0")) {
    try {
      inode = lstatSync(address).ino;
    } catch {
      return Promise.resolve({ held: false, inode: null });
    }
  }
  return new Promise((resolve) => {
    let text = "";
    const socket = net.connect(address);
    const finish = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ held: true, holder: null }), HOLDER_ANSWER_MS);
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) finish({ held: true, holder: parseHolder(text) });
    });
    // Closed without a word: the holder let go just now; try to bind again.
    socket.on("end", () =>
      finish(text ? { held: true, holder: parseHolder(text) } : { held: false, inode: null }),
    );
    socket.on("error", (error) => {
      const stale = error.code === "ECONNREFUSED" || error.code === "ENOENT";
      finish(stale ? { held: false, inode } : { held: true, holder: null });
    });
  });
}

/** @returns {LockHolder | null} */
function parseHolder(text) {
  try {
    const { pid, purpose } = JSON.parse(text.split("\n")[0]);
    return typeof pid === "number" && typeof purpose === "string" ? { pid, purpose } : null;
  } catch {
    return null;
  }
}

/** Unlinks a stale socket file, unless another starter has replaced it since it was probed. */
function removeStaleSocket(address, inode) {
  try {
    if (lstatSync(address).ino === inode) unlinkSync(address);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}

/**
 * Earlier versions wrote their PID to DATA_DIR/app.lock and tested it with kill(pid, 0), which a zombie
 * or a reused PID also passes. The file counts only while that PID is an old launcher that was already
 * running when the file was written, as after an upgrade of a running app (Linux can tell, from /proc);
 * otherwise it is left over and is removed.
 * @returns {LockHolder | null}
 */
function legacyHolder(file) {
  let pid;
  let writtenMs;
  try {
    pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    writtenMs = lstatSync(file).mtimeMs;
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (!commandLine.some((argument) => argument.endsWith("launch.mjs"))) return null;
    const startedMs = processStartMs(pid);
    // A second of slack: the file's mtime and the start time are rounded differently.
    if (startedMs > writtenMs + 1000) return null;
    return { pid, purpose: "an earlier version of the app" };
  } catch {
    return null;
  }
}

/** When a process started, from /proc (clock ticks after boot; USER_HZ is 100 on Linux). */
function processStartMs(pid) {
  const bootSeconds = Number(readFileSync("/proc/stat", "utf8").match(/^btime (\d+)$/m)?.[1]);
  const startTicks = Number(statFields(readFileSync(`/proc/${pid}/stat`, "utf8"))[19]);
  return bootSeconds * 1000 + startTicks * 10;
}

/** The fields of /proc/<pid>/stat after the command name (state is [0], pgrp [2], starttime [19]). */
function statFields(stat) {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/**
 * Spawns `node <script> …args` in a process group of its own, tied to this process:
 * - it inherits `lock` (when given), so the DATA_DIR stays locked while it or anything it starts lives;
 * - it gets a lifeline, a pipe whose other end only this process holds. When this process dies, however
 *   it dies, the pipe closes and a thread in the child signals the child's whole group with `stopSignal`,
 *   then SIGKILL after `graceMs`. A thread, because the Chroma server blocks its main thread for good.
 * The lifeline is watched by this file itself, loaded into the child with `--import`.
 * @param {{
 *   script: string,
 *   args?: string[],
 *   runner?: string[],
 *   lock?: DataDirLock | null,
 *   stopSignal?: NodeJS.Signals,
 *   graceMs?: number,
 *   env?: NodeJS.ProcessEnv,
 *   stdio?: ("ignore" | "inherit" | "pipe")[],
 * }} options runner is how node is run (default: this node; Chroma uses a private dynamic loader)
 * @returns {import("node:child_process").ChildProcess}
 */
export function spawnTethered({
  script,
  args = [],
  runner = [process.execPath],
  lock = null,
  stopSignal = "SIGTERM",
  graceMs = 10_000,
  env = process.env,
  stdio = ["ignore", "inherit", "inherit"],
}) {
  const [command, ...runnerArgs] = runner;
  const child = spawn(command, [...runnerArgs, "--import", import.meta.url, script, ...args], {
    detached: true,
    stdio: [...stdio, "pipe", ...(lock?.fd != null ? [lock.fd] : [])],
    env: { ...env, [TETHER_ENV]: JSON.stringify({ fd: 3, stopSignal, graceMs }) },
  });
  child.stdio[3]?.on("error", () => {});
  // Once the group is empty its number may be given to a stranger's group: never signal it again.
  child.once("exit", () => {
    if (child.pid !== undefined && !groupAlive(child.pid)) emptiedGroups.add(child);
  });
  return child;
}

/** @type {WeakSet<import("node:child_process").ChildProcess>} */
const emptiedGroups = new WeakSet();

/**
 * Stops a child started by spawnTethered and everything else in its process group: `signal`, then
 * SIGKILL after `graceMs`. Resolves true once no process of the group is left, false if even SIGKILL
 * did not empty it within 10 s.
 * @param {import("node:child_process").ChildProcess} child
 * @param {{ signal?: NodeJS.Signals, graceMs?: number }} [options]
 */
export async function stopGroup(child, { signal = "SIGTERM", graceMs = 10_000 } = {}) {
  const group = child.pid;
  if (group === undefined || emptiedGroups.has(child)) return true;
  signalGroup(group, signal);
  if (await groupGone(group, graceMs)) return true;
  signalGroup(group, "SIGKILL");
  return groupGone(group, 10_000);
}

function signalGroup(group, signal) {
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: nobody is left in the group
  }
}

async function groupGone(group, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(group)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Whether a process group still has a running member. On Linux finished zombies do not count: an
 * orphan's zombie waits for init to reap it, and kill(-group, 0) would report it for as long.
 * @param {number} group
 */
export function groupAlive(group) {
  if (process.platform !== "linux") {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fields;
    try {
      fields = statFields(readFileSync(`/proc/${entry}/stat`, "utf8"));
    } catch {
      continue; // it ended while we looked
    }
    if (Number(fields[2]) === group && !finished(entry, fields[0])) return true;
  }
  return false;
}

/**
 * A zombie has ended, unless it is a thread-group leader whose other threads are still exiting: until
 * the last of them is gone, the process's descriptors (an inherited lock, a port) are still open.
 */
function finished(pid, state) {
  if (state === "X") return true;
  if (state !== "Z") return false;
  try {
    return readdirSync(`/proc/${pid}/task`).length <= 1;
  } catch {
    return true;
  }
}

/** In a child of spawnTethered (loaded with --import): start watching the lifeline. */
function startTether() {
  const settings = JSON.parse(process.env[TETHER_ENV] ?? "{}");
  // Whatever this child starts is not tethered itself; it is stopped with the group.
  delete process.env[TETHER_ENV];
  const parent = process.ppid;
  new Worker(new URL(import.meta.url), { workerData: { [TETHER_ENV]: settings } }).unref();
  // If the leader exits after the holder died, SIGKILL whatever it leaves in its group.
  process.on("exit", () => {
    if (process.ppid !== parent) signalGroup(process.pid, "SIGKILL");
  });
}

/** In the child's tether thread: when the lifeline closes, the holder is gone; stop the whole group. */
function watchLifeline({ fd, stopSignal, graceMs }) {
  const lifeline = new net.Socket({ fd, readable: true, writable: false });
  lifeline.on("error", () => {});
  lifeline.once("close", () => {
    signalGroup(process.pid, stopSignal);
    setTimeout(() => signalGroup(process.pid, "SIGKILL"), graceMs);
  });
  lifeline.resume();
}

if (isMainThread && process.env[TETHER_ENV]) startTether();
if (!isMainThread && workerData?.[TETHER_ENV]) watchLifeline(workerData[TETHER_ENV]);
