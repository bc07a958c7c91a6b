// Starts the real services the unit and store tests talk to: a Chroma server on a free port with a
// temporary folder, and the tests' own OpenAI-compatible endpoint standing in for the remote model.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startOpenAICompatibleServer } from "../../e2e/support/openai-compatible-server";
import { buildWorker } from "../../scripts/build-worker.mjs";
import { startChroma } from "../../scripts/chroma.mjs";

export default async function setup(project: TestProject) {
  // Ingestion runs in a worker thread loaded from the bundled file.
  await buildWorker();
  const chromaDir = mkdtempSync(path.join(tmpdir(), "vitest-chroma-"));
  const chroma = await startChroma({ dataPath: chromaDir });
  const model = await startOpenAICompatibleServer();
  process.env.CHROMA_URL = chroma.url;
  process.env.TEST_MODEL_URL = model.url;
  project.provide("chromaUrl", chroma.url);
  project.provide("modelUrl", model.url);
  return async () => {
    await model.close();
    await chroma.stop();
    rmSync(chromaDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    chromaUrl: string;
    modelUrl: string;
  }
}
