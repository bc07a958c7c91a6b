import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ChatSummary } from "@/lib/chat/chat-json";
import { ChatListItem } from "./chat-list-item";
import { toolbarButton } from "./styles";
import { useChatList } from "./use-chat-list";

const footerLink =
  "rounded text-xs font-medium text-zinc-600 underline-offset-2 hover:text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-400 dark:hover:text-zinc-100";

/**
 * The saved chats, newest first: a left column on wide screens and a drawer behind a "Chats" button
 * on small ones. `refreshKey` changes after each answer, when the server has saved the chat.
 */
export function ChatSidebar({
  currentChatId,
  initialChats,
  refreshKey,
}: {
  currentChatId: string;
  initialChats: ChatSummary[];
  refreshKey: number;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { chats, error, rename, remove, setSharePath } = useChatList({ initialChats, refreshKey });

  const deleteChat = async (id: string) => {
    if ((await remove(id)) && id === currentChatId) router.push("/chat");
  };

  return (
    <>
      <div className="flex items-center border-zinc-200 border-b px-3 py-2 lg:hidden dark:border-zinc-800">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="chat-sidebar"
          onClick={() => setOpen(true)}
          className={toolbarButton}
        >
          Chats
        </button>
      </div>
      {open && (
        <button
          type="button"
          aria-label="Close the chat list"
          tabIndex={-1}
          onClick={() => setOpen(false)}
          className="fixed inset-0 z-30 bg-zinc-950/40 lg:hidden"
        />
      )}
      <aside
        id="chat-sidebar"
        data-testid="chat-sidebar"
        aria-label="Chats"
        onKeyDown={(event) => {
          if (event.key === "Escape") setOpen(false);
        }}
        className={`${open ? "fixed inset-y-0 left-0 z-40 flex w-72 shadow-xl" : "hidden"} flex-col border-zinc-200 border-r bg-zinc-50 lg:static lg:z-auto lg:flex lg:w-72 lg:shrink-0 lg:shadow-none dark:border-zinc-800 dark:bg-zinc-950`}
      >
        <div className="flex items-center justify-between gap-2 p-3">
          <Link href="/chat" data-testid="new-chat" className={toolbarButton}>
            New chat
          </Link>
          {open && (
            <button type="button" onClick={() => setOpen(false)} className={`${toolbarButton} lg:hidden`}>
              Close
            </button>
          )}
        </div>
        {error && (
          <p role="alert" className="px-3 pb-2 text-red-700 text-xs dark:text-red-400">
            {error}
          </p>
        )}
        <nav aria-label="Saved chats" className="min-h-0 flex-1 overflow-y-auto px-2">
          {chats.length === 0 ? (
            <p className="px-2 py-1 text-sm text-zinc-500 dark:text-zinc-400">No saved chats yet.</p>
          ) : (
            <ul className="space-y-0.5">
              {chats.map((chat) => (
                <ChatListItem
                  key={chat.id}
                  chat={chat}
                  current={chat.id === currentChatId}
                  onRename={(title) => void rename({ id: chat.id, title })}
                  onShareChange={(sharePath) => setSharePath(chat.id, sharePath)}
                  onDelete={() => void deleteChat(chat.id)}
                />
              ))}
            </ul>
          )}
        </nav>
        <div className="border-zinc-200 border-t p-3 dark:border-zinc-800">
          <a href="/api/chats/export" download data-testid="export-all" className={footerLink}>
            Export all (JSONL)
          </a>
        </div>
      </aside>
    </>
  );
}
