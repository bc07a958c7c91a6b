import Link from "next/link";
import { useState } from "react";
import type { ChatSummary } from "@/lib/chat/chat-json";
import { ShareChat } from "./share-chat";
import { itemAction } from "./styles";

/** One saved chat in the sidebar: a link to it, and rename, delete, export and share. */
export function ChatListItem({
  chat,
  current,
  onRename,
  onDelete,
  onShareChange,
}: {
  chat: ChatSummary;
  current: boolean;
  onRename: (title: string) => void;
  onDelete: () => void;
  onShareChange: (sharePath: string | null) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const exportUrl = (format: string) => `/api/chats/${encodeURIComponent(chat.id)}/export?format=${format}`;

  return (
    <li
      data-testid="chat-list-item"
      data-chat-id={chat.id}
      className={`group rounded-lg px-2 py-1.5 ${current ? "bg-zinc-200/70 dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
    >
      {editing ? (
        <input
          data-testid="rename-input"
          aria-label="Chat title"
          defaultValue={chat.title}
          maxLength={200}
          // The field appears because the reader asked to rename; focus belongs in it.
          // biome-ignore lint/a11y/noAutofocus: focus follows the reader's own action.
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onBlur={() => setEditing(false)}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              // Escape cancels the rename only; it should not also close the drawer around it.
              event.stopPropagation();
              setEditing(false);
            }
            if (event.key !== "Enter") return;
            event.preventDefault();
            const title = event.currentTarget.value.trim();
            if (title && title !== chat.title) onRename(title);
            setEditing(false);
          }}
          className="w-full rounded border border-zinc-300 bg-white px-1.5 py-0.5 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        />
      ) : (
        <Link
          href={`/chat/${encodeURIComponent(chat.id)}`}
          aria-current={current ? "page" : undefined}
          data-testid="chat-title"
          className={`block truncate rounded text-sm focus-visible:outline-2 focus-visible:outline-blue-600 ${current ? "font-medium text-zinc-900 dark:text-zinc-50" : "text-zinc-700 dark:text-zinc-300"}`}
        >
          {chat.title}
        </Link>
      )}

      {confirming ? (
        <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-zinc-700 dark:text-zinc-300">
          <span>Delete this chat?</span>
          <button
            type="button"
            data-testid="confirm-delete-chat"
            onClick={() => {
              setConfirming(false);
              onDelete();
            }}
            className="rounded bg-red-600 px-1.5 py-0.5 font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(false)} className={itemAction}>
            Cancel
          </button>
        </div>
      ) : (
        // Always shown for the open chat and on touch screens; elsewhere on hover or focus.
        <div
          className={`-ml-1 mt-0.5 flex flex-wrap gap-x-1 ${current ? "" : "lg:opacity-0 lg:group-focus-within:opacity-100 lg:group-hover:opacity-100"}`}
        >
          <button
            type="button"
            data-testid="rename-chat"
            aria-label={`Rename ${chat.title}`}
            onClick={() => setEditing(true)}
            className={itemAction}
          >
            Rename
          </button>
          <button
            type="button"
            data-testid="delete-chat"
            aria-label={`Delete ${chat.title}`}
            onClick={() => setConfirming(true)}
            className={itemAction}
          >
            Delete
          </button>
          <a
            href={exportUrl("markdown")}
            download
            data-testid="export-markdown"
            aria-label={`Export Markdown of ${chat.title}`}
            className={itemAction}
          >
            Markdown
          </a>
          <a
            href={exportUrl("jsonl")}
            download
            data-testid="export-jsonl"
            aria-label={`Export JSONL of ${chat.title}`}
            className={itemAction}
          >
            JSONL
          </a>
          <ShareChat
            chatId={chat.id}
            title={chat.title}
            sharePath={chat.sharePath}
            onChange={onShareChange}
          />
        </div>
      )}
    </li>
  );
}
