// Large PDFs for upload tests, built at test time from a real manual: its text intact, its size
// made up by an attached file of random (incompressible) bytes.
import { randomBytes } from "node:crypto";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";

/**
 * Attaches `bytes` as an embedded file stored as is. pdf-lib's own `attach` deflates the bytes,
 * which takes half a minute for 40 MB of random ones and gains nothing.
 */
function attachUncompressed(document: PDFDocument, { name, bytes }: { name: string; bytes: Uint8Array }) {
  const { context, catalog } = document;
  const file = context.register(
    context.stream(bytes, { Type: "EmbeddedFile", Subtype: PDFName.of("application/octet-stream") }),
  );
  const spec = context.register(
    context.obj({
      Type: "Filespec",
      F: PDFString.of(name),
      UF: PDFHexString.fromText(name),
      EF: { F: file },
    }),
  );
  const names = catalog.lookupMaybe(PDFName.of("Names"), PDFDict) ?? context.obj({});
  catalog.set(PDFName.of("Names"), names);
  const embedded = names.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict) ?? context.obj({});
  names.set(PDFName.of("EmbeddedFiles"), embedded);
  const list = embedded.lookupMaybe(PDFName.of("Names"), PDFArray) ?? context.obj([]);
  embedded.set(PDFName.of("Names"), list);
  list.push(PDFHexString.fromText(name));
  list.push(spec);
}

/**
 * `source`'s pages `copies` times over (more pages, so indexing takes a while), padded with an
 * attachment to about `totalBytes`, never more.
 */
export async function makeBulkyPdf({
  source,
  copies = 1,
  totalBytes,
}: {
  source: Buffer;
  copies?: number;
  totalBytes: number;
}): Promise<Buffer> {
  const document = await PDFDocument.load(source);
  const original = await PDFDocument.load(source);
  for (let copy = 1; copy < copies; copy++) {
    const pages = await document.copyPages(original, original.getPageIndices());
    for (const page of pages) document.addPage(page);
  }
  const unpadded = (await document.save()).length;
  // The attachment's own dictionaries and the grown cross-reference table take a few hundred bytes.
  const padding = totalBytes - unpadded - 4096;
  if (padding > 0) attachUncompressed(document, { name: "padding.bin", bytes: randomBytes(padding) });
  return Buffer.from(await document.save());
}
