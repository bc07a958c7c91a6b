import { useCallback, useEffect, useState } from "react";
import type { ChatSummary } from "@/lib/chat/chat-json";

async function failure(response: Response, action: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `Could not ${action} (${response.status}).`;
}

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
    fetch("/api/chats", { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(await failure(response, "load the chat list"));
        const body = (await response.json()) as { chats: ChatSummary[] };
        setChats(body.chats);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => controller.abort();
  }, [refreshKey]);

  const rename = useCallback(async ({ id, title }: { id: string; title: string }) => {
    setError(null);
    const response = await fetch(`/api/chats/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title }),
    });
    if (!response.ok) return setError(await failure(response, "rename the chat"));
    setChats((current) => current.map((chat) => (chat.id === id ? { ...chat, title } : chat)));
  }, []);

  const remove = useCallback(async (id: string): Promise<boolean> => {
    setError(null);
    const response = await fetch(`/api/chats/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!response.ok) {
      setError(await failure(response, "delete the chat"));
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
