"use client";

import { useState } from "react";
import type { ChatUIMessage, CitationDetails } from "@/lib/chat/types";
import { ChatMessage } from "./chat-message";
import { CitationPanel } from "./citation-panel";

/** A shared conversation: its messages and citations, read-only. */
export function SharedTranscript({ messages }: { messages: ChatUIMessage[] }) {
  const [openCitation, setOpenCitation] = useState<CitationDetails | null>(null);
  return (
    <div className="space-y-6">
      {messages.map((message) => (
        <ChatMessage
          key={message.id}
          message={message}
          question={null}
          latest={false}
          streaming={false}
          busy
          onOpenCitation={setOpenCitation}
          onRegenerate={() => {}}
          onCompare={() => {}}
        />
      ))}
      {openCitation && <CitationPanel citation={openCitation} onClose={() => setOpenCitation(null)} />}
    </div>
  );
}
