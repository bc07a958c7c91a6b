export async function register() {
  // Next also loads this file for the edge runtime, which has none of the server modules.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startUp } = await import("./lib/start-up");
    try {
      await startUp();
    } catch (error) {
      // A bad environment or an unreachable database must stop the server, not answer 500 forever.
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  }
}
