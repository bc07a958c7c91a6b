/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or worker-based packages must stay outside the server bundle.
  serverExternalPackages: ["pdf-parse", "chromadb", "@electric-sql/pglite", "mammoth", "pg"],
  poweredByHeader: false,
  // The Dockerfile builds a self-contained server (NEXT_OUTPUT=standalone); `npm start` uses `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  outputFileTracingIncludes: { "/**": ["./lib/ingest/extract/pdf-worker.mjs", "./lib/db/migrations/**/*"] },
};

export default nextConfig;
