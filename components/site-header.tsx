import { getEmbedder } from "@/lib/ai/embeddings";
import { getChatModelInfo } from "@/lib/ai/providers";
import { type AuthMode, authMode } from "@/lib/auth/mode";
import { SignOutButton } from "./account/sign-out-button";
import { OfflineBadge } from "./offline-badge";

function LogoMark() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="size-7 shrink-0">
      <rect width="32" height="32" rx="8" className="fill-blue-600 dark:fill-blue-500" />
      <path d="M10 8h8l5 5v11a1 1 0 0 1-1 1H10a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1Z" className="fill-white" />
      <path
        d="M12.5 16h7M12.5 19.5h5"
        className="stroke-blue-600 dark:stroke-blue-500"
        strokeWidth="1.75"
        strokeLinecap="round"
      />
    </svg>
  );
}

const navLink =
  "whitespace-nowrap rounded-md px-2 py-1.5 font-medium text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 sm:px-2.5 aria-[current=page]:bg-zinc-100 aria-[current=page]:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-zinc-100";

/**
 * Says who can use this deployment: with APP_PASSWORD set, the person is signed in and can sign out;
 * without it, anyone who reaches the server can use it, which is fine on localhost and only there.
 */
function AccessControl({ mode, current }: { mode: AuthMode; current?: string }) {
  if (mode === "accounts") {
    return (
      <>
        <a href="/account" aria-current={current === "account" ? "page" : undefined} className={navLink}>
          Account
        </a>
        <SignOutButton className={navLink} />
      </>
    );
  }
  if (mode === "password") {
    return (
      <form method="post" action="/api/auth/sign-out">
        <button type="submit" data-testid="sign-out-button" className={navLink}>
          Sign out
        </button>
      </form>
    );
  }
  return (
    <span
      data-testid="open-access-badge"
      title="Anyone who can reach this server can use it. Set AUTH_SECRET for accounts, or APP_PASSWORD for one password."
      className="ml-1 inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs text-zinc-600 ring-1 ring-zinc-300 ring-inset dark:text-zinc-400 dark:ring-zinc-700"
    >
      <span aria-hidden="true" className="size-1.5 rounded-full bg-zinc-400" />
      Open · no sign-in
    </span>
  );
}

/** The header of every signed-in page: navigation, who may use the app, and whether it runs offline. */
export function SiteHeader({
  current = "documents",
}: {
  /** The page being shown, marked in the navigation. */
  current?: "documents" | "chat" | "account";
}) {
  return (
    <header className="border-zinc-200 border-b bg-white/80 dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex max-w-4xl flex-col gap-3 px-4 py-3 sm:px-6">
        <div className="flex flex-wrap items-center justify-between gap-x-2 gap-y-2">
          <a
            href="/"
            className="flex items-center gap-2 whitespace-nowrap rounded-md font-semibold text-[0.9375rem] tracking-tight sm:gap-2.5 sm:text-base focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2"
          >
            <LogoMark />
            DBRX Docs Chat
          </a>
          <nav aria-label="Main" className="flex items-center sm:gap-1">
            <a href="/" aria-current={current === "documents" ? "page" : undefined} className={navLink}>
              Documents
            </a>
            <a href="/chat" aria-current={current === "chat" ? "page" : undefined} className={navLink}>
              Chat
            </a>
            <AccessControl mode={authMode()} current={current} />
          </nav>
        </div>
        <OfflineBadge embedderOffline={getEmbedder().offline} modelConfigured={!getChatModelInfo().offline} />
      </div>
    </header>
  );
}
