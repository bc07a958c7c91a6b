// Reads WordNet in a thread of its own and hands the compact table back; the thread's memory goes
// with it. Bundled by scripts/build-worker.mjs; started by loadSynonyms().
import { parentPort } from "node:worker_threads";
import { buildSynonymTable } from "./synonyms";

parentPort?.postMessage(JSON.stringify(buildSynonymTable()));
