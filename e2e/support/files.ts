import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

export const fixturePath = (name: string) => path.join(import.meta.dirname, "..", "fixtures", name);
export const fixture = (name: string) => readFileSync(fixturePath(name));

export type UploadFile = { name: string; mimeType: string; buffer: Buffer };

export const pdfFile = (name: string, buffer: Buffer): UploadFile => ({
  name,
  mimeType: "application/pdf",
  buffer,
});
export const textFile = (name: string, text: string, mimeType = "text/plain"): UploadFile => ({
  name,
  mimeType,
  buffer: Buffer.from(text),
});

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
