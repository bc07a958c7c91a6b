/**
 * Says plainly when the app runs on its built-in defaults, so that nobody mistakes the offline
 * embedder's keyword matching for a model's answers.
 */
export function OfflineBadge({
  embedderOffline,
  modelConfigured,
}: {
  embedderOffline: boolean;
  modelConfigured: boolean;
}) {
  if (!embedderOffline && modelConfigured) return null;
  const missing = [embedderOffline && "built-in embedder", !modelConfigured && "no model connected"].filter(
    Boolean,
  );
  const hint = modelConfigured
    ? "EMBEDDING_PROVIDER is set to offline, so search uses keyword matching."
    : "Set DATABRICKS_HOST and DATABRICKS_TOKEN to connect DBRX.";
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span
        data-testid="offline-badge"
        className="inline-flex items-center gap-1.5 rounded-lg bg-amber-100 px-2.5 py-0.5 sm:rounded-full font-medium text-amber-900 ring-1 ring-amber-300 ring-inset dark:bg-amber-400/15 dark:text-amber-200 dark:ring-amber-400/30"
      >
        <span aria-hidden="true" className="size-1.5 rounded-full bg-amber-500" />
        Offline mode: {missing.join(", ")}
      </span>
      <span className="text-zinc-600 dark:text-zinc-400">{hint}</span>
    </div>
  );
}
