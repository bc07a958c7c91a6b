import type { ChatRow } from "@/lib/db/schema";

/** A saved chat as the sidebar and GET /api/chats show it. */
export type ChatSummary = {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  /** The read-only link's path while the chat is shared, else null. */
  sharePath: string | null;
};

export const sharePath = (token: string) => `/share/${token}`;

export function toChatSummary({ id, title, createdAt, updatedAt, shareToken }: ChatRow): ChatSummary {
  return {
    id,
    title,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    sharePath: shareToken ? sharePath(shareToken) : null,
  };
}
