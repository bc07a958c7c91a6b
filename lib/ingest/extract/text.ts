// Plain-text and Markdown extraction, run inside the ingestion worker thread: nothing here may import
// Next or read process.env.
import { readFile } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import type { ExtractedDocument, PageText } from "./types";

/** A document extracted in one step, as a single batch of pages. */
export async function* singleBatch(pages: PageText[]): AsyncGenerator<PageText[]> {
  yield pages;
}

const BINARY_MESSAGE = "This file contains binary data, not text.";

/**
 * Characters a text file has next to none of: control characters other than tab, line feed, carriage
 * return, form feed and escape (kept for coloured logs); unassigned, private-use and lone surrogate
 * code points; and U+FFFD, which stands for bytes that could not be decoded.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNTEXTLIKE = /[\0-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f\p{Cn}\p{Co}\p{Cs}\ufffd]/gu;

/**
 * Share of such characters above which a file is binary data. Random bytes read as Windows-1252 have
 * about 13% (a JPEG or PNG body too, NULs or not), random UTF-16 code units about 15%, text under 1%.
 */
const MAX_UNTEXTLIKE_SHARE = 0.05;

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((byte, n) => data[n] === byte);

/**
 * Windows-1252's characters for bytes 0x80 to 0x9F, where it differs from Latin-1; the five bytes it
 * leaves undefined stay C1 controls, as the WHATWG Encoding Standard has it.
 */
const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * Node's own TextDecoder("windows-1252") decodes Latin-1 since 20.18.3 (nodejs/node#60888): curly
 * quotes, dashes and the euro sign came out as control characters.
 */
function decodeWindows1252(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (character) => WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80]);
}

function decode(data: Uint8Array): string {
  // A byte-order mark says the encoding; what follows it is decoded as such, bad sequences as U+FFFD.
  if (startsWith(data, [0xef, 0xbb, 0xbf])) {
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(data.subarray(3));
  }
  if (startsWith(data, [0xff, 0xfe]))
    return new TextDecoder("utf-16le", { ignoreBOM: true }).decode(data.subarray(2));
  if (startsWith(data, [0xfe, 0xff]))
    return new TextDecoder("utf-16be", { ignoreBOM: true }).decode(data.subarray(2));
  // Text in an 8-bit encoding never holds a NUL byte; most binary formats are full of them.
  if (data.includes(0)) throw new AppError("unprocessable", BINARY_MESSAGE);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: read it as Windows-1252, the usual encoding of older plain-text files.
    return decodeWindows1252(data);
  }
}

/**
 * The text of a plain-text file's bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a
 * byte-order mark, or else Windows-1252. Binary data is refused: a NUL character, or more than
 * MAX_UNTEXTLIKE_SHARE of characters that text does not have.
 */
export function decodeText(data: Uint8Array): string {
  const text = decode(data);
  // Replacing is one native pass; the length lost is the count (astral code points count twice).
  const untextlike = text.length - text.replace(UNTEXTLIKE, "").length;
  if (text.includes("\0") || untextlike > MAX_UNTEXTLIKE_SHARE * text.length) {
    throw new AppError("unprocessable", BINARY_MESSAGE);
  }
  return text;
}

/** Reads the plain-text or Markdown file at `path` as one page without a number. */
export async function extractText(kind: "text" | "markdown", path: string): Promise<ExtractedDocument> {
  const text = decodeText(await readFile(path));
  return { kind, pageCount: null, pages: singleBatch([{ page: null, text }]) };
}
