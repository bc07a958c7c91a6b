import { ACCEPTED_TYPES, ACCEPTED_TYPES_LABEL } from "@/lib/config/constants";
import { formatBytes } from "../format";

const extensions: readonly string[] = Object.values(ACCEPTED_TYPES).flatMap((type) => type.extensions);
const mimeTypes: readonly string[] = Object.values(ACCEPTED_TYPES).flatMap((type) => type.mimeTypes);

/** The picker's `accept` list: extensions for the file dialog, types for browsers that filter by them. */
export const ACCEPT_ATTRIBUTE = [...extensions, ...mimeTypes].join(",");

/**
 * Why the server would refuse this file before reading it, in the server's own words, or null.
 * Mirrors its rule: the extension or the declared type must name an accepted kind.
 */
export function refusalReason(file: File, maxUploadMb: number): string | null {
  const dot = file.name.lastIndexOf(".");
  const extension = dot > 0 ? file.name.slice(dot).toLowerCase() : "";
  const mimeType = file.type.split(";")[0].trim().toLowerCase();
  if (!extensions.includes(extension) && !mimeTypes.includes(mimeType)) {
    return `"${file.name}" is not a supported type. Upload ${ACCEPTED_TYPES_LABEL} files.`;
  }
  if (file.size > maxUploadMb * 1024 * 1024) {
    return `"${file.name}" is ${formatBytes(file.size)}; the limit is ${maxUploadMb} MB per file.`;
  }
  if (file.size === 0) return `"${file.name}" is empty.`;
  return null;
}
