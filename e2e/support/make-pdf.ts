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

/**
 * One page with a ruled table (every row and column line drawn, as word processors export them)
 * between a title line and a closing sentence; and, when `diagram` is set, a second page of boxed
 * labels drawn the same way, which is a figure and not a table.
 */
export async function makeTablePdf({
  title,
  rows,
  after,
  diagram = false,
}: {
  title: string;
  rows: string[][];
  after: string;
  diagram?: boolean;
}): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([612, 792]);
  page.drawText(title, { x: 56, y: 740, size: 12, font });
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, n) =>
    Math.max(50, ...rows.map((row) => font.widthOfTextAtSize(row[n] ?? "", 10) + 12)),
  );
  const top = 700;
  const height = 20;
  const width = widths.reduce((sum, each) => sum + each, 0);
  for (let row = 0; row <= rows.length; row++) {
    const y = top - row * height;
    page.drawLine({ start: { x: 56, y }, end: { x: 56 + width, y }, thickness: 0.8 });
  }
  let x = 56;
  for (let column = 0; column <= columns; column++) {
    page.drawLine({ start: { x, y: top }, end: { x, y: top - rows.length * height }, thickness: 0.8 });
    x += widths[column] ?? 0;
  }
  rows.forEach((row, r) => {
    let left = 56;
    row.forEach((cell, c) => {
      page.drawText(cell, { x: left + 6, y: top - r * height - 14, size: 10, font });
      left += widths[c];
    });
  });
  page.drawText(after, { x: 56, y: top - rows.length * height - 30, size: 11, font });
  if (diagram) {
    const figure = document.addPage([612, 792]);
    figure.drawText("Figure 1: the encoder's stages, as boxes and arrows.", {
      x: 56,
      y: 740,
      size: 12,
      font,
    });
    for (const [n, label] of ["Input", "Filter", "Search", "Output"].entries()) {
      const left = 56 + n * 130;
      figure.drawRectangle({
        x: left,
        y: 600,
        width: 100,
        height: 60,
        borderWidth: 1,
        borderColor: rgb(0, 0, 0),
      });
      figure.drawText(label, { x: left + 30, y: 625, size: 10, font });
      figure.drawLine({ start: { x: left + 100, y: 630 }, end: { x: left + 130, y: 630 }, thickness: 1 });
      figure.drawLine({ start: { x: left + 30, y: 600 }, end: { x: left + 70, y: 600 }, thickness: 1 });
    }
  }
  return Buffer.from(await document.save());
}
