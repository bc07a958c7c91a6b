import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Server modules import "server-only" to keep them out of client bundles; tests run on the server.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./lib/test/global-setup.ts"],
    setupFiles: ["./lib/test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
