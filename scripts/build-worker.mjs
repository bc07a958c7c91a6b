// Bundles the ingestion worker thread (lib/ingest/worker/ingest-worker.ts) and the thread that reads
// WordNet (lib/text/synonyms-worker.ts) into ES modules that Node runs directly, in `next start`, `next dev`, Vitest and scripts alike: worker threads load a
// file from disk, outside Next's bundle. npm packages stay external: they load from node_modules (in
// the Docker image, from its deps stage, since Next's standalone output does not trace this bundle). `--watch` rebuilds on change, for `npm run dev`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WORKER_BUNDLE = path.join(root, "lib/ingest/worker/dist/ingest-worker.mjs");

const options = {
  entryPoints: [
    path.join(root, "lib/ingest/worker/ingest-worker.ts"),
    path.join(root, "lib/text/synonyms-worker.ts"),
  ],
  outdir: path.dirname(WORKER_BUNDLE),
  outExtension: { ".js": ".mjs" },
  entryNames: "[name]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  sourcemap: "linked",
  logLevel: "warning",
};

export async function buildWorker({ watch = false } = {}) {
  if (!watch) return esbuild.build(options);
  const context = await esbuild.context(options);
  await context.watch();
  return context;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWorker({ watch: process.argv.includes("--watch") });
}
