"use client";

import type { RefObject } from "react";
import type { ChatModelInfo, ChatUIMessage } from "@/lib/chat/types";
import { ChatError } from "./chat-error";
import { ChatUploads } from "./chat-uploads";
import { Composer } from "./composer";
import { ContextMeter } from "./context-meter";
import { ModeLabel } from "./mode-label";
import { ScopePicker } from "./scope-picker";
import type { useChatDocuments } from "./use-chat-documents";
import { UseDocumentsSwitch } from "./use-documents-switch";

type ChatFiles = Pick<
  ReturnType<typeof useChatDocuments>,
  "documents" | "uploads" | "addFiles" | "cancel" | "dismiss"
>;

/**
 * Below the conversation: files being added, the error of the last turn, the question field, what
 * the answer draws on (the scope, documents on or off), how full the model's window was, the mode.
 */
export function ChatControls({
  input,
  onInput,
  onAsk,
  onStop,
  onRetry,
  busy,
  error,
  inputRef,
  files: { documents, uploads, addFiles, cancel, dismiss },
  scope,
  onScope,
  useDocuments,
  onUseDocuments,
  lastTurn,
  modelInfo,
}: {
  input: string;
  onInput: (value: string) => void;
  onAsk: () => void;
  onStop: () => void;
  onRetry: () => void;
  busy: boolean;
  error: string | null;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** The documents to choose from, and files on their way in. */
  files: ChatFiles;
  scope: string[];
  onScope: (ids: string[]) => void;
  useDocuments: boolean;
  onUseDocuments: (on: boolean) => void;
  lastTurn: ChatUIMessage["metadata"];
  modelInfo: ChatModelInfo;
}) {
  return (
    <div className="border-zinc-200 border-t bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto max-w-3xl space-y-2 px-3 pt-3 pb-3 sm:px-6 sm:pb-4">
        <ChatUploads uploads={uploads} onCancel={cancel} onDismiss={dismiss} />
        {error && <ChatError message={error} onRetry={onRetry} />}
        <Composer
          value={input}
          onChange={onInput}
          onSend={onAsk}
          onStop={onStop}
          onFiles={addFiles}
          busy={busy}
          inputRef={inputRef}
          placeholder={useDocuments ? "Ask about your documents…" : "Ask the model…"}
        />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <ScopePicker documents={documents} selected={scope} onChange={onScope} disabled={!useDocuments} />
          <UseDocumentsSwitch on={useDocuments} onChange={onUseDocuments} />
          {!useDocuments && (
            <p data-testid="documents-off" className="text-xs text-zinc-600 dark:text-zinc-400">
              Off: the model answers alone, without searching your documents.
            </p>
          )}
        </div>
        <ContextMeter
          context={lastTurn?.context}
          usage={lastTurn?.usage}
          windowTokens={modelInfo.contextTokens}
        />
        <ModeLabel modelInfo={modelInfo} testId="mode-label" />
      </div>
    </div>
  );
}
