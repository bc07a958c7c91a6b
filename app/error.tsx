"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="font-semibold text-2xl">Something went wrong</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        The page could not be loaded. The vector store or the database may be unavailable; the server log has
        the details, and{" "}
        <a className="underline" href="/api/health">
          /api/health
        </a>{" "}
        shows what is down.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-zinc-900 px-4 py-2 text-sm text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 dark:bg-zinc-100 dark:text-zinc-900"
      >
        Try again
      </button>
    </main>
  );
}
