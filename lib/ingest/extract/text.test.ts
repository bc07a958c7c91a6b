import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { extractText } from "./text";
import type { PageText } from "./types";

const folder = mkdtempSync(path.join(tmpdir(), "text-extract-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
function file(data: Uint8Array | string): string {
  const filePath = path.join(folder, `file-${files++}.txt`);
  writeFileSync(filePath, data);
  return filePath;
}

async function textOf(data: Uint8Array | string, kind: "text" | "markdown" = "text"): Promise<string> {
  const extracted = await extractText(kind, file(data));
  const pages: PageText[] = [];
  for await (const batch of extracted.pages) pages.push(...batch);
  expect(extracted).toMatchObject({ kind, pageCount: null });
  expect(pages.map((page) => page.page)).toEqual([null]);
  return pages[0].text;
}

async function refusal(data: Uint8Array): Promise<AppError> {
  const error = await textOf(data).then(
    () => new Error("expected the file to be refused"),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Deterministic pseudo-random bytes (xorshift32), so that a failure can be replayed. */
function randomBytes(length: number, seed: number): Buffer {
  let state = seed;
  return Buffer.from(
    Array.from({ length }, () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) & 0xff;
    }),
  );
}

const withoutNuls = (data: Buffer) => Buffer.from(data.filter((byte) => byte !== 0));
const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();
const sample = "Quarterly report: revenue grew 12 % in Lisbon — “up” again, naïve café, 東京 😀.";

describe("text extraction", () => {
  it("decodes UTF-8 text, emoji and CJK included, and falls back to Windows-1252", async () => {
    expect(await textOf(Buffer.from("Crème brûlée, naïve café"))).toBe("Crème brûlée, naïve café");
    expect(await textOf(Buffer.from(sample), "markdown")).toBe(sample);
    expect(await textOf(Buffer.from("caf\xe9", "latin1"), "markdown")).toBe("café");
  });

  it("reads Windows-1252's own characters: curly quotes, dashes, the euro sign", async () => {
    const data = Buffer.from([
      ...Buffer.from("The "),
      0x93,
      ...Buffer.from("price"),
      0x94,
      0x20,
      0x96,
      0x20,
      0x80,
      ...Buffer.from("5, caf"),
      0xe9,
      0x85,
      0x20,
      0x99,
    ]);
    expect(await textOf(data)).toBe("The “price” – €5, café… ™");
  });

  it("strips a UTF-8 byte-order mark", async () => {
    expect(await textOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]))).toBe(sample);
  });

  it("decodes UTF-16 with a byte-order mark, little- and big-endian", async () => {
    const text = `${sample}\r\nSecond line.\n`;
    expect(await textOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))).toBe(text);
    expect(await textOf(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]))).toBe(text);
  });

  it("reads a tiny file, an empty one and a log with colour codes and form feeds", async () => {
    expect(await textOf("ok")).toBe("ok");
    expect(await textOf("")).toBe("");
    const log = "\x1b[32mINFO\x1b[0m started\n\x1b[31mERROR\x1b[0m failed\n\fPage 2\n";
    expect(await textOf(log)).toBe(log);
  });

  it("refuses binary data with NUL bytes", async () => {
    const error = await refusal(new Uint8Array([0x48, 0x00, 0x01, 0x02]));
    expect(error.status).toBe(422);
    expect(error.message).toBe("This file contains binary data, not text.");
  });

  it.each([
    ["random bytes without NULs", withoutNuls(randomBytes(20_000, 1))],
    [
      "a JPEG header and random data, NULs removed",
      withoutNuls(
        Buffer.concat([
          Buffer.from("ffd8ffe000104a46494600010101004800480000", "hex"),
          randomBytes(20_000, 2),
        ]),
      ),
    ],
    [
      "a PNG header and random data, NULs removed",
      withoutNuls(
        Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), randomBytes(20_000, 3)]),
      ),
    ],
    [
      "random bytes behind a UTF-16 byte-order mark",
      Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(20_000, 4)]),
    ],
    [
      "UTF-16 text holding NUL characters",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\0b", "utf16le")]),
    ],
  ])("refuses %s as binary", async (_, data) => {
    const error = await refusal(data);
    expect(error.code).toBe("unprocessable");
    expect(error.message).toBe("This file contains binary data, not text.");
  });
});
