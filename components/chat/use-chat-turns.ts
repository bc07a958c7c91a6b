"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, generateId } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import { turnRequestBody } from "@/lib/chat/turn-request";
import type { ChatRequestOptions, ChatUIMessage } from "@/lib/chat/types";
import { SUMMARIZE_COMMAND, useSummary } from "./use-summary";

/**
 * The turns of one chat, as the server owns them: each request carries only the new question (or
 * the regenerate) and the choices of the moment (`options`), a saved chat reconnects to an answer
 * still being written, and stop reaches the server too. Summaries go through the same turns.
 */
export function useChatTurns({
  chatId,
  initialMessages,
  documents,
  summarize,
  options,
}: {
  chatId?: string;
  initialMessages?: ChatUIMessage[];
  documents: { id: string; name: string }[];
  summarize?: string[];
  options: ChatRequestOptions;
}) {
  const [id] = useState(() => chatId ?? generateId());
  const [finishedAnswers, setFinishedAnswers] = useState(0);

  // The transport reads the latest choices when it sends, including on regenerate and retry.
  const latestOptions = useRef(options);
  useEffect(() => {
    latestOptions.current = options;
  });
  const [transport] = useState(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: (request) => ({ body: turnRequestBody(request, latestOptions.current) }),
      }),
  );
  const { messages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatUIMessage>({
    id,
    messages: initialMessages,
    transport,
    throttle: 50,
    // A saved chat may have an answer being written (a reload, a second tab): read it from its start.
    resume: chatId !== undefined,
    onFinish: () => setFinishedAnswers((count) => count + 1),
    onData: (part) => onSummaryData(part),
  });
  const {
    progress,
    summarise,
    onData: onSummaryData,
  } = useSummary({
    documents,
    summarize,
    send: (message, sendOptions) => void sendMessage(message, sendOptions),
  });
  const busy = status === "submitted" || status === "streaming";

  // The server saves the question as the answer starts, so from then on a reload finds the chat.
  // An answer that arrives in one piece (an extractive summary) may skip "streaming" altogether.
  const answered = messages.some((message) => message.role === "assistant");
  useEffect(() => {
    const path = `/chat/${encodeURIComponent(id)}`;
    if ((status === "streaming" || answered) && window.location.pathname !== path)
      window.history.replaceState(null, "", path);
  }, [status, answered, id]);

  /** Asks a question, or summarises the scope for `/summarize`; false when busy or empty. */
  const ask = useCallback(
    (question: string): boolean => {
      const text = question.trim();
      if (!text || busy) return false;
      if (SUMMARIZE_COMMAND.test(text)) summarise(latestOptions.current.documentIds);
      else void sendMessage({ text });
      return true;
    },
    [busy, sendMessage, summarise],
  );

  const retry = useCallback(() => {
    clearError();
    void regenerate();
  }, [clearError, regenerate]);

  const stopAnswer = useCallback(() => {
    // The answer outlives this page's request, so the server is told to stop it as well.
    void fetch(`/api/chat/${encodeURIComponent(id)}/stream`, { method: "DELETE" }).catch(() => {});
    void stop();
  }, [id, stop]);

  return { id, messages, status, busy, error, progress, finishedAnswers, ask, retry, stopAnswer };
}
