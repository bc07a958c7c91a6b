import type { Locator } from "@playwright/test";
import type { UploadFile } from "./files";

/** Base64 characters per piece sent into the page: a multiple of 4, so each piece decodes alone. */
const BASE64_PIECE = 8 * 1024 * 1024;

/** Drops files on `target` the way a browser does: drag events and a drop carrying a DataTransfer. */
export async function dropFiles(target: Locator, files: UploadFile[]) {
  const dropped = await target.page().evaluateHandle(() => [] as File[]);
  // Files cross into the page as base64, small ones together and large ones in pieces: a single
  // argument of tens of megabytes is more than the DevTools protocol takes.
  let small: { name: string; mimeType: string; base64: string }[] = [];
  const sendSmall = async () => {
    await dropped.evaluate((list, items) => {
      for (const { name, mimeType, base64 } of items) {
        list.push(
          new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], name, { type: mimeType }),
        );
      }
    }, small);
    small = [];
  };
  for (const { name, mimeType, buffer } of files) {
    const base64 = buffer.toString("base64");
    if (base64.length <= BASE64_PIECE) {
      small.push({ name, mimeType, base64 });
      if (small.length >= 100) await sendSmall();
      continue;
    }
    await sendSmall();
    const parts = await target.page().evaluateHandle(() => [] as BlobPart[]);
    for (let start = 0; start < base64.length; start += BASE64_PIECE) {
      await parts.evaluate(
        (list, piece) => {
          list.push(Uint8Array.from(atob(piece), (char) => char.charCodeAt(0)));
        },
        base64.slice(start, start + BASE64_PIECE),
      );
    }
    await dropped.evaluate(
      (list, file) => list.push(new File(file.parts, file.name, { type: file.mimeType })),
      {
        parts,
        name,
        mimeType,
      },
    );
  }
  await sendSmall();
  const dataTransfer = await dropped.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(file);
    return transfer;
  });
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}
