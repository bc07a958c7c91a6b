"use client";

import type { SessionJson } from "@/lib/auth/accounts/sessions";
import { LocalDate } from "../local-date";
import { secondaryButton } from "./styles";
import { sendJson, useApiList } from "./use-api-list";

/** One's signed-in browsers and devices; each can be signed out from here. */
export function SessionsSection() {
  const { items, error, setError, reload } = useApiList<SessionJson>("/api/sessions", "sessions");
  const revoke = async (id: string) => {
    const outcome = await sendJson(`/api/sessions/${encodeURIComponent(id)}`, "DELETE");
    if (!outcome.ok) return setError(outcome.error);
    await reload();
  };
  return (
    <section aria-labelledby="sessions-title" className="space-y-3">
      <h2 id="sessions-title" className="font-semibold text-lg">
        Sessions
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Where you are signed in. A session ends after 7 days without use, or when you sign it out here.
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
      <ul className="divide-y divide-zinc-200 rounded-md ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
        {items?.map((session) => (
          <li
            key={session.id}
            data-testid="session-row"
            data-session-id={session.id}
            className="flex items-center gap-3 px-3 py-2 text-sm"
          >
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{session.userAgent ?? "Unknown browser"}</p>
              <p className="text-xs text-zinc-500">
                {session.current ? "This browser · " : ""}last used <LocalDate iso={session.lastUsedAt} />
                {session.ipAddress ? ` · ${session.ipAddress}` : ""}
              </p>
            </div>
            {!session.current && (
              <button
                type="button"
                data-testid="revoke-session"
                onClick={() => revoke(session.id)}
                className={secondaryButton}
              >
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
