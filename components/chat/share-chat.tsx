"use client";

import { useEffect, useState } from "react";
import { errorMessage } from "./error-message";
import { itemAction } from "./styles";

type ShareState =
  | { status: "idle" | "working" }
  | { status: "shared"; path: string }
  | { status: "error"; message: string };

/** Creates a read-only link to a chat, shows it to copy, and revokes it. */
export function ShareChat({
  chatId,
  title,
  initialSharePath,
}: {
  chatId: string;
  title: string;
  /** Set when the chat is already shared: its link is shown from the start. */
  initialSharePath: string | null;
}) {
  const [state, setState] = useState<ShareState>(
    initialSharePath ? { status: "shared", path: initialSharePath } : { status: "idle" },
  );
  // The page's own origin, known only in the browser; the server renders the bare path first.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);

  async function call(method: "POST" | "DELETE") {
    setState({ status: "working" });
    const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}/share`, { method }).catch(
      () => null,
    );
    if (!response?.ok) {
      setState({
        status: "error",
        message: response
          ? errorMessage(new Error(await response.text()))
          : "The server could not be reached.",
      });
      return;
    }
    if (method === "DELETE") return setState({ status: "idle" });
    const { path } = (await response.json()) as { path: string };
    setState({ status: "shared", path });
  }

  return (
    <div className="w-full">
      {state.status !== "shared" ? (
        <button
          type="button"
          data-testid="share-chat"
          aria-label={`Share ${title} by link`}
          className={itemAction}
          disabled={state.status === "working"}
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
            value={`${origin}${state.path}`}
            onFocus={(event) => event.currentTarget.select()}
            className="w-full rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button
            type="button"
            data-testid="revoke-share"
            className={itemAction}
            onClick={() => void call("DELETE")}
          >
            Revoke link
          </button>
        </div>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-red-600 text-xs dark:text-red-400">
          {state.message}
        </p>
      )}
    </div>
  );
}
