import path from "node:path";
import { MAX_NAME_LENGTH } from "@/lib/config/constants";

/**
 * A file name as sent by a browser is untrusted text: keep only its last path segment, drop control
 * and bidirectional-override characters, and cap its length while keeping the extension.
 */
export function cleanDocumentName(raw: string): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = lastSegment
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!cleaned || /^\.+$/.test(cleaned)) return "untitled";
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = path.extname(cleaned).slice(0, 12);
  return `${cleaned.slice(0, MAX_NAME_LENGTH - extension.length - 1)}…${extension}`;
}
