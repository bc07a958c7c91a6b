// Helpers shared by the bench's parts: percentiles, uploads through the HTTP API, the machine's
// CPU and a process's memory.
import { readFileSync } from "node:fs";
import { commandLine, descendants } from "../process-tree.mjs";

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
export const median = (values: number[]) => percentile(values, 50);

export type Uploaded = {
  id: string;
  pages: number | null;
  chunks: number;
  status: string;
  indexedAt: string | null;
};

export async function upload(url: string, name: string, data: Uint8Array<ArrayBuffer>, type: string) {
  const form = new FormData();
  form.append("file", new File([data], name, { type }));
  const started = performance.now();
  const startedAt = Date.now();
  // A pooled keep-alive connection that the server has just closed fails at once; such a request
  // was never read, so it is sent again on a fresh connection.
  const send = () => fetch(`${url}/api/documents`, { method: "POST", body: form });
  const response = await send().catch((error) => {
    if (["EPIPE", "ECONNRESET", "UND_ERR_SOCKET"].includes(error?.cause?.code)) return send();
    throw error;
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`upload of ${name} failed: ${response.status} ${JSON.stringify(body)}`);
  return {
    startedAt,
    answeredMs: performance.now() - started,
    document: body.documents[0] as Uploaded,
  };
}

/** Polls GET /api/documents/{id} until the document is ready; resolves with it and the time. */
export async function untilReady(
  url: string,
  id: string,
  onPoll?: () => void,
): Promise<{ document: Uploaded; at: number }> {
  for (;;) {
    onPoll?.();
    const { document } = (await (await fetch(`${url}/api/documents/${id}`)).json()) as {
      document: Uploaded & { error?: string };
    };
    if (document.status === "ready") return { document, at: performance.now() };
    if (document.status === "failed") throw new Error(`indexing failed: ${document.error}`);
    // Seldom: the time comes from the server's indexedAt, and every poll is work for the server.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Uploads and waits until ready: seconds from the first byte sent to ready (the server's indexedAt). */
export async function ingest(
  url: string,
  name: string,
  data: Uint8Array<ArrayBuffer>,
  type: string,
  onPoll?: () => void,
) {
  const { startedAt, answeredMs, document } = await upload(url, name, data, type);
  const ready =
    document.status === "ready" ? document : (await untilReady(url, document.id, onPoll)).document;
  // The server and this script share the machine's clock.
  const seconds = (Date.parse(ready.indexedAt as string) - startedAt) / 1000;
  return { seconds, answeredMs, document: ready };
}

/** Busy and total CPU time of the machine so far, in jiffies (/proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/**
 * Resolves once the machine has been nearly idle (under 10% busy) for half a second, or after 60 s:
 * a server just started keeps a core busy for a few seconds (the embedded database, the first
 * routes), and Chroma finishes the previous run's writes in the background.
 */
export async function untilQuiet() {
  const deadline = Date.now() + 60_000;
  let before = machineCpu();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = machineCpu();
    const busy = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    before = now;
    if (busy < 0.1) return;
  }
}

/** Resident memory of one process now, in MB. */
export function residentMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The next-server process under the launcher (the process that holds the app's memory). */
export function nextServerPid(rootPid: number): number {
  return descendants(rootPid).find((pid) => commandLine(pid)[0]?.startsWith("next-server")) ?? rootPid;
}

/** Samples a process's resident memory every 25 ms while `work` runs; returns the peak in MB. */
export async function peakWhile<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number }> {
  let peak = residentMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid));
  }, 25);
  try {
    const result = await work();
    return { result, peakMb: Math.round(Math.max(peak, residentMb(pid))) };
  } finally {
    clearInterval(timer);
  }
}
