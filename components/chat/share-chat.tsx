"use client";

import { useEffect, useState } from "react";
import { fetchJson } from "../fetch-json";
import { itemAction } from "./styles";

/**
 * Creates a read-only link to a chat, shows it to copy, and revokes it. The link itself is the chat
 * list's (`sharePath`), so it survives this control being hidden and shown again; a failed call
 * leaves it as it was and says why.
 */
export function ShareChat({
  chatId,
  title,
  sharePath,
  onChange,
}: {
  chatId: string;
  title: string;
  sharePath: string | null;
  onChange: (sharePath: string | null) => void;
}) {
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The page's own origin, known only in the browser; the server renders the bare path first.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);

  async function call(method: "POST" | "DELETE") {
    setWorking(true);
    setError(null);
    const outcome = await fetchJson<{ path?: string }>(`/api/chats/${encodeURIComponent(chatId)}/share`, {
      method,
      fallbackError: method === "POST" ? "Could not share the chat" : "Could not revoke the link",
    });
    setWorking(false);
    if (!outcome.ok) return setError(outcome.error);
    onChange(method === "DELETE" ? null : (outcome.body.path ?? null));
  }

  return (
    <div className="w-full">
      {sharePath === null ? (
        <button
          type="button"
          data-testid="share-chat"
          aria-label={`Share ${title} by link`}
          className={itemAction}
          disabled={working}
          onClick={() => void call("POST")}
        >
          Share
        </button>
      ) : (
        <div className="mt-1 flex flex-col gap-1 text-xs">
          <label className="text-zinc-600 dark:text-zinc-400" htmlFor={`share-${chatId}`}>
            Read-only link (anyone with it can read this chat):
          </label>
          <input
            id={`share-${chatId}`}
            data-testid="share-link"
            readOnly
            value={`${origin}${sharePath}`}
            onFocus={(event) => event.currentTarget.select()}
            className="w-full rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button
            type="button"
            data-testid="revoke-share"
            className={itemAction}
            disabled={working}
            onClick={() => void call("DELETE")}
          >
            Revoke link
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-600 text-xs dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
