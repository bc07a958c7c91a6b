import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { makeDocx } from "@/e2e/support/make-docx";
import { AppError } from "@/lib/errors";
import { extractDocx } from "./docx";
import type { PageText } from "./types";
import { MAX_ZIP_ENTRIES } from "./zip-guard";

const MEGABYTE = 1024 * 1024;
/** The app's default: four times the 50 MB upload limit. */
const limits = { maxUnzippedBytes: 200 * MEGABYTE };

const folder = mkdtempSync(path.join(tmpdir(), "docx-extract-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
function file(data: Buffer): string {
  const filePath = path.join(folder, `file-${files++}.docx`);
  writeFileSync(filePath, data);
  return filePath;
}

/** A zip entry as stored: its bytes (deflated when method is 8) and the size and CRC it declares. */
type ZipEntry = { name: string; data: Buffer; method: 0 | 8; size: number; crc: number };

const stored = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text);
  return { name, data, method: 0, size: data.length, crc: crc32(data) };
};

/** A zip archive of entries, declaring whatever sizes they say, true or not. */
function zipArchive(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data, method, size, crc } of entries) {
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/**
 * `megabytes` MB of zeros, deflated without ever holding them: one megabyte is deflated with a full
 * flush (byte-aligned, and referring to nothing before it), so the stream is that block repeated and
 * a final empty block. 480 MB deflate to under 500 KB. The CRC is left at 0: nothing reads that far.
 */
function deflatedZeros(name: string, megabytes: number, declaredSize = megabytes * MEGABYTE): ZipEntry {
  const deflatedBlock = deflateRawSync(Buffer.alloc(MEGABYTE), { finishFlush: constants.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array(megabytes).fill(deflatedBlock), deflateRawSync(Buffer.alloc(0))]);
  return { name, data, method: 8, size: declaredSize, crc: 0 };
}

const contentTypes = stored(
  "[Content_Types].xml",
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

async function allPages(pages: AsyncIterable<PageText[]>): Promise<PageText[]> {
  const result: PageText[] = [];
  for await (const batch of pages) result.push(...batch);
  return result;
}

async function refusal(data: Buffer): Promise<AppError> {
  const error = await extractDocx(file(data), limits).then(
    () => new Error("expected the DOCX to be refused"),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("DOCX extraction", () => {
  it("extracts DOCX paragraphs", async () => {
    const data = makeDocx(["Quarterly report", "Revenue grew by 12 percent in Lisbon."]);
    const extracted = await extractDocx(file(data), limits);
    expect(extracted).toMatchObject({ kind: "docx", pageCount: null });
    const pages = await allPages(extracted.pages);
    expect(pages).toHaveLength(1);
    expect(pages[0].page).toBeNull();
    expect(pages[0].text).toContain("Revenue grew by 12 percent in Lisbon.");
  });

  it("refuses a DOCX that unzips to 480 MB from its declared sizes, before inflating it", async () => {
    const bomb = zipArchive([contentTypes, deflatedZeros("word/document.xml", 480)]);
    expect(bomb.length).toBeLessThan(MEGABYTE);
    const error = await refusal(bomb);
    expect(error.status).toBe(413);
    expect(error.message).toBe(
      "This document expands to 480 MB when unzipped, beyond the 200 MB limit. " +
        "Split it into smaller documents and upload them one by one.",
    );
  });

  it("refuses a DOCX whose declared sizes lie, counting what it inflates to", async () => {
    const bomb = zipArchive([contentTypes, deflatedZeros("word/document.xml", 480, 1000)]);
    const error = await refusal(bomb);
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/^This document expands beyond the 200 MB limit when unzipped\./);
  });

  it("adds up the declared sizes of all the parts", async () => {
    const parts = [1, 2].map((n) => ({
      ...stored(`word/media/image${n}.png`, "tiny"),
      size: 150 * MEGABYTE,
    }));
    const error = await refusal(zipArchive([contentTypes, ...parts]));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/expands to 300 MB when unzipped, beyond the 200 MB limit/);
  });

  it("refuses an archive of more parts than any document has", async () => {
    const parts = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, n) => stored(`part${n}.xml`, ""));
    const error = await refusal(zipArchive(parts));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/made of 10,001 parts, more than the 10,000 a document may have/);
  });

  it("calls a part that inflates to other than it declares damaged", async () => {
    const error = await refusal(zipArchive([contentTypes, deflatedZeros("word/document.xml", 1, 10)]));
    expect(error.status).toBe(422);
    expect(error.message).toBe("This file could not be read as a DOCX document: it may be damaged.");
  });

  it("rejects a DOCX that is a broken archive", async () => {
    const error = await refusal(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));
    expect(error.status).toBe(422);
    expect(error.message).toBe("This file could not be read as a DOCX document: it may be damaged.");
  });
});

describe("DOCX tables and structure", () => {
  it("writes a Word table as a Markdown table, its first row the header, no cell glued to the next", async () => {
    const rows = [
      ["Mode", "Bit-rate (bps)", "Quality"],
      ["A1", "B1", "C1"],
      ["narrowband | 8 kHz", "2150", "poor"],
    ];
    const extracted = await extractDocx(
      file(makeDocx(["Bit allocation per mode:", { table: rows }, "After."])),
      limits,
    );
    const [page] = await allPages(extracted.pages);
    expect(page.text).toContain(
      [
        "| Mode | Bit-rate (bps) | Quality |",
        "| --- | --- | --- |",
        "| A1 | B1 | C1 |",
        "| narrowband \\| 8 kHz | 2150 | poor |",
      ].join("\n"),
    );
    expect(page.text).not.toMatch(/A1B1/);
    expect(page.text.indexOf("Bit allocation")).toBeLessThan(page.text.indexOf("| Mode"));
    expect(page.text.trim().endsWith("After.")).toBe(true);
  });
});
