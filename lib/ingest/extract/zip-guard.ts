// Zip bomb defence for zipped document formats (DOCX now, XLSX and PPTX later), run before a library
// that inflates everything into memory sees the file. Worker code: no Next, no process.env.
import { openPromise, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";

export type ZipLimits = {
  /** Largest total the archive's entries may inflate to. */
  maxUnzippedBytes: number;
};

/**
 * More parts than any office document has (a long report with thousands of images has a few
 * thousand); a zip of a million empty entries would otherwise cost a read per entry here and hold
 * every entry in memory in the library that reads it next.
 */
export const MAX_ZIP_ENTRIES = 10_000;

const MEGABYTE = 1024 * 1024;

/** Bytes in megabytes, to one decimal where it has one: "480", "0.5". */
function megabytes(bytes: number): string {
  const value = Math.round((bytes / MEGABYTE) * 10) / 10;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The refusal of an archive that expands beyond the limit, saying to how much when that is known. */
function tooLarge(limit: number, expandsTo?: number): AppError {
  const expansion =
    expandsTo === undefined
      ? `beyond the ${megabytes(limit)} MB limit when unzipped`
      : `to ${megabytes(expandsTo)} MB when unzipped, beyond the ${megabytes(limit)} MB limit`;
  return new AppError(
    "payload_too_large",
    `This document expands ${expansion}. Split it into smaller documents and upload them one by one.`,
  );
}

async function openZip(path: string): Promise<ZipFile> {
  // Sizes are checked here, as the bytes are counted: yauzl's own check would stop a lying entry at
  // its declared size and report a damaged file rather than one that expands too far.
  return openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false });
}

/** Refuses an archive whose central directory declares more than the limit, before inflating anything. */
async function checkDeclaredSizes(path: string, { maxUnzippedBytes }: ZipLimits): Promise<void> {
  const zip = await openZip(path);
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) {
      throw new AppError(
        "payload_too_large",
        `This document is made of ${zip.entryCount.toLocaleString("en-US")} parts, more than the ` +
          `${MAX_ZIP_ENTRIES.toLocaleString("en-US")} a document may have.`,
      );
    }
    let declared = 0;
    for await (const entry of zip.eachEntry()) declared += entry.uncompressedSize;
    if (declared > maxUnzippedBytes) {
      throw tooLarge(maxUnzippedBytes, declared);
    }
  } finally {
    zip.close();
  }
}

/** Inflates every entry and counts its bytes, keeping none, and stops as soon as the total passes the limit. */
async function checkInflatedSizes(path: string, { maxUnzippedBytes }: ZipLimits): Promise<void> {
  const zip = await openZip(path);
  try {
    let inflated = 0;
    for await (const entry of zip.eachEntry()) {
      let entryBytes = 0;
      // Leaving the loop early (by throwing) destroys the stream and with it the inflater.
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        entryBytes += (chunk as Buffer).length;
        inflated += (chunk as Buffer).length;
        if (inflated > maxUnzippedBytes) throw tooLarge(maxUnzippedBytes);
      }
      if (entryBytes !== entry.uncompressedSize) {
        throw new Error(
          `${entry.fileName} inflates to ${entryBytes} bytes, not the ${entry.uncompressedSize} it declares`,
        );
      }
    }
  } finally {
    zip.close();
  }
}

/**
 * Checks that the zip archive at `path` inflates to at most `maxUnzippedBytes`: first by the sizes
 * its central directory declares (a bomb is refused before anything is inflated), then by inflating
 * each entry and counting, which catches declared sizes that lie. Inflated bytes are never kept, so
 * memory stays at a few buffers whatever the archive holds.
 *
 * Throws an AppError "payload_too_large" (413) naming the limit when the archive expands beyond it;
 * any other error means the file is not a readable zip archive.
 */
export async function checkZipExpansion(path: string, limits: ZipLimits): Promise<void> {
  await checkDeclaredSizes(path, limits);
  await checkInflatedSizes(path, limits);
}

/** The entries of an archive whose names `wanted` accepts, inflated (call after checkZipExpansion). */
export async function readZipEntries(
  path: string,
  wanted: (name: string) => boolean,
): Promise<Map<string, Buffer>> {
  const zip = await openZip(path);
  const entries = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (!wanted(entry.fileName)) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      entries.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return entries;
}
