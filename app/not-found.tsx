import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not found · DBRX Docs Chat" };

/** Missing chats, revoked share links and unknown addresses all land here, with status 404. */
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4">
      <h1 className="font-semibold text-2xl tracking-tight">Not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Nothing is here. The chat may have been deleted, or its share link revoked.
      </p>
      <p className="mt-6 flex gap-4 text-sm">
        <a href="/chat" className="font-medium text-blue-600 hover:underline dark:text-blue-400">
          Start a chat
        </a>
        <a href="/" className="font-medium text-blue-600 hover:underline dark:text-blue-400">
          Documents
        </a>
      </p>
    </main>
  );
}
