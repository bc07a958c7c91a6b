// A Redis server of a test's own: Debian's redis-server (installed by `.ci/run`) on a free port,
// without persistence, stopped when the test ends.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { createClient } from "redis";

export const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  // Ready when the server says so on its standard output.
  await new Promise<void>((resolve, reject) => {
    let log = "";
    child.stdout?.on("data", (data: Buffer) => {
      log += data.toString();
      if (log.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${log}`)));
  });
  const url = `redis://127.0.0.1:${port}`;
  const probe = createClient({ url });
  await probe.connect();
  await probe.ping();
  await probe.quit();
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}
