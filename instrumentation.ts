export async function register() {
  // Next also loads this file for the edge runtime, which has none of the server modules.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startUp } = await import("./lib/start-up");
    await startUp();
  }
}
