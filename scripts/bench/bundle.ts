// The JavaScript a page loads, gzipped as a browser receives it, and the viewer's lazy chunks
// (pdf.js and its worker), which must stay out of the chat page.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../..");
const staticDir = path.join(root, ".next/static");

const gzipKb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** The scripts a page's HTML loads, with their gzipped size in KB. */
async function pageScripts(url: string): Promise<{ file: string; kb: number }[]> {
  const html = await (await fetch(url)).text();
  const sources = new Set(
    [...html.matchAll(/<script[^>]+src="\/_next\/static\/([^"?]+)/g)].map((match) => match[1]),
  );
  return [...sources].map((source) => {
    const file = path.join(staticDir, source);
    return { file, kb: gzipKb(file) };
  });
}

function allFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isDirectory() ? allFiles(file) : [file];
  });
}

export async function benchBundle(appUrl: string) {
  const chat = await pageScripts(`${appUrl}/chat`);
  const chatFiles = new Set(chat.map(({ file }) => file));
  const scripts = allFiles(staticDir).filter((file) => /\.m?js$/.test(file));
  const holding = (marker: string) => scripts.filter((file) => readFileSync(file, "utf8").includes(marker));
  // pdf.js's main module names its worker options; the worker defines its message handler. The
  // worker runs from the chunk the bundler made of it; the copy under media/ is never fetched.
  const pdfjs = holding("GlobalWorkerOptions").filter((file) => !chatFiles.has(file));
  const worker = holding("WorkerMessageHandler").filter(
    (file) => !pdfjs.includes(file) && !file.includes(`${path.sep}media${path.sep}`),
  );
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipKb(file), 0);
  const leaked = chat.filter(({ file }) => readFileSync(file, "utf8").includes("GlobalWorkerOptions"));

  console.log("\nBundle (gzip -9 of the built files)");
  console.log(`  /chat loads ${chat.length} scripts: ${sum([...chatFiles]).toFixed(1)} KB`);
  console.log(
    `  pdf.js, loaded with the first PDF opened: ${sum(pdfjs).toFixed(1)} KB in ${pdfjs.length} chunk(s)`,
  );
  console.log(`  pdf.js worker, started then: ${sum(worker).toFixed(1)} KB`);
  console.log(
    `  pdf.js in the chat page's own scripts: ${leaked.length === 0 ? "none" : leaked.map(({ file }) => path.basename(file)).join(", ")}`,
  );
}

if (process.argv[1] === import.meta.filename) {
  const url = process.argv[2];
  if (!url) throw new Error("usage: tsx scripts/bench/bundle.ts http://127.0.0.1:3000");
  await benchBundle(url);
}
