import { useCallback, useEffect, useState } from "react";
import type { ChatSummary } from "@/lib/chat/chat-json";
import { fetchJson } from "../fetch-json";

/**
 * The saved chats, newest first: fetched again whenever `refreshKey` changes (after each answer,
 * when the server has saved the chat), and renamed or deleted through /api/chats/<id>.
 */
export function useChatList({
  initialChats,
  refreshKey,
}: {
  initialChats: ChatSummary[];
  refreshKey: number;
}) {
  const [chats, setChats] = useState(initialChats);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (refreshKey === 0) return;
    const controller = new AbortController();
    fetchJson<{ chats: ChatSummary[] }>("/api/chats", {
      signal: controller.signal,
      fallbackError: "Could not load the chat list",
    })
      .then((outcome) => (outcome.ok ? setChats(outcome.body.chats) : setError(outcome.error)))
      .catch(() => {
        // Aborted: a newer refresh or the page going away.
      });
    return () => controller.abort();
  }, [refreshKey]);

  const rename = useCallback(async ({ id, title }: { id: string; title: string }) => {
    setError(null);
    const outcome = await fetchJson(`/api/chats/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title }),
      fallbackError: "Could not rename the chat",
    });
    if (!outcome.ok) return setError(outcome.error);
    setChats((current) => current.map((chat) => (chat.id === id ? { ...chat, title } : chat)));
  }, []);

  const remove = useCallback(async (id: string): Promise<boolean> => {
    setError(null);
    const outcome = await fetchJson(`/api/chats/${encodeURIComponent(id)}`, {
      method: "DELETE",
      fallbackError: "Could not delete the chat",
    });
    if (!outcome.ok) {
      setError(outcome.error);
      return false;
    }
    setChats((current) => current.filter((chat) => chat.id !== id));
    return true;
  }, []);

  /** Records a chat's new share link (null once revoked), as the server now has it. */
  const setSharePath = useCallback((id: string, sharePath: string | null) => {
    setChats((current) => current.map((chat) => (chat.id === id ? { ...chat, sharePath } : chat)));
  }, []);

  return { chats, error, rename, remove, setSharePath };
}
