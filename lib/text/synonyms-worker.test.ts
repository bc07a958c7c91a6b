import { expect, it } from "vitest";
import { loadSynonyms, synonymsOf } from "./synonyms";

// The server loads WordNet in a worker thread (the bundle scripts/build-worker.mjs makes, as the
// tests' global setup does); the table it hands back answers like the one read in-thread.
it("loads the synonyms in a worker thread, and they answer as WordNet does", async () => {
  await loadSynonyms();
  expect(synonymsOf("halt")).toEqual(["stop"]);
  expect(synonymsOf("begin")).toContain("start");
  expect(synonymsOf("halted")).toEqual(["stop"]);
  expect(synonymsOf("zyzzyvas")).toEqual([]);
});
