/**
 * Shown while a new chat loads its documents and suggestions. Saved chats (/chat/<id>) have no loading
 * screen on purpose: streaming one would commit status 200 before a missing chat could answer 404.
 */
export default function ChatLoading() {
  return (
    <div className="flex h-dvh flex-col" aria-busy="true">
      <div className="h-[3.25rem] border-zinc-200 border-b dark:border-zinc-800" />
      <p className="sr-only" role="status">
        Loading the chat…
      </p>
      <div className="mx-auto w-full max-w-3xl flex-1 px-4 py-14 sm:px-6">
        <div className="mx-auto h-12 w-12 animate-pulse rounded-2xl bg-zinc-100 dark:bg-zinc-800" />
        <div className="mx-auto mt-4 h-6 w-56 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
