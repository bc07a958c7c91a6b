// A production instance of the app on a free port with its own temporary DATA_DIR, for the bench
// and the README screenshots. Builds first when there is no build.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./chroma.mjs";

const root = path.resolve(import.meta.dirname, "..");

export async function startAppInstance(
  extraEnv: Record<string, string>,
): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    spawnSync("npm", ["run", "build"], { stdio: "inherit", cwd: root });
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "app-instance-"));
  const child = spawn(process.execPath, [path.join(root, "scripts/launch.mjs"), "start"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error("the app exited before it was ready");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    stop: async () => {
      child.kill("SIGINT");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
