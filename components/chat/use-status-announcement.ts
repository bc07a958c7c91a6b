"use client";

import type { ChatStatus } from "ai";
import { useEffect, useRef, useState } from "react";

/** What a screen reader hears as a turn goes: searching or asking, then the answer complete. */
export function useStatusAnnouncement(status: ChatStatus, useDocuments: boolean) {
  const [announcement, setAnnouncement] = useState("");
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === "streaming" && status === "ready") setAnnouncement("The answer is complete.");
    if (status === "submitted")
      setAnnouncement(useDocuments ? "Searching your documents…" : "Asking the model…");
    previous.current = status;
  }, [status, useDocuments]);
  return announcement;
}
