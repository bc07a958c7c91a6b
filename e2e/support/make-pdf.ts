// PDFs generated for tests with pdf-lib: known text on known pages, or pages with no text layer.
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";

/** One PDF page per entry; each page's text is wrapped to the page width. */
export async function makeTextPdf(pages: string[]): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = document.addPage([612, 792]);
    let y = 740;
    for (const paragraph of text.split("\n")) {
      let line = "";
      for (const word of paragraph.split(" ")) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, 11) > 500) {
          page.drawText(line, { x: 56, y, size: 11, font });
          y -= 15;
          line = word;
        } else {
          line = candidate;
        }
      }
      if (line) page.drawText(line, { x: 56, y, size: 11, font });
      y -= 22;
    }
  }
  return Buffer.from(await document.save());
}

/** Pages of black bars and no text layer: a scan that OCR finds no words in. */
export async function makeScannedPdf(pageCount = 2): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let n = 0; n < pageCount; n++) {
    const page = document.addPage([612, 792]);
    for (let line = 0; line < 30; line++) {
      page.drawRectangle({
        x: 56,
        y: 740 - line * 22,
        width: 300 + ((line * 37) % 200),
        height: 9,
        color: rgb(0.1, 0.1, 0.1),
      });
    }
  }
  return Buffer.from(await document.save());
}
