/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or worker-based packages must stay outside the server bundle.
  serverExternalPackages: ["pdf-parse", "chromadb", "@electric-sql/pglite", "mammoth", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
