// Processes as Linux's /proc shows them, for tests and the bench that follow what the launcher started.
import { readdirSync, readFileSync } from "node:fs";

/** The parent of every process now running. */
function parents() {
  const parentOf = new Map();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  return parentOf;
}

/**
 * Every process below `root`, nearest first.
 * @param {number} root
 * @returns {number[]}
 */
export function descendants(root) {
  const parentOf = parents();
  const found = [];
  for (let frontier = [root]; frontier.length > 0; ) {
    frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([pid]) => pid);
    found.push(...frontier);
  }
  return found;
}

/**
 * Not ended. A zombie has ended (an orphan's lingers until init reaps it), unless its other threads are
 * still exiting and holding its descriptors.
 * @param {number} pid
 */
export function running(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z" || readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return false;
  }
}

/**
 * A process's command line, or [] once it is gone.
 * @param {number} pid
 * @returns {string[]}
 */
export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}
