// Builds a minimal PPTX (an uncompressed ZIP of PresentationML): slides of text paragraphs and
// tables, with speaker notes, shown in the order given (which need not be their parts' order).
import { zip } from "./make-docx";

export type Slide = { paragraphs: string[]; table?: string[][]; notes?: string[] };

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const NS =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const paragraph = (text: string) =>
  `<a:p><a:r><a:rPr lang="en-US"/><a:t>${escapeXml(text)}</a:t></a:r></a:p>`;
const textBox = (paragraphs: string[]) =>
  `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>${paragraphs.map(paragraph).join("")}</p:txBody></p:sp>`;
const table = (rows: string[][]) =>
  `<p:graphicFrame><a:graphic><a:graphicData><a:tbl>${rows
    .map(
      (cells) =>
        `<a:tr>${cells.map((cell) => `<a:tc><a:txBody><a:bodyPr/>${paragraph(cell)}</a:txBody></a:tc>`).join("")}</a:tr>`,
    )
    .join("")}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`;

/** `order` lists the slides' part numbers (1-based) in the order the presentation shows them. */
export function makePptx(slides: Slide[], order = slides.map((_, n) => n + 1)): Buffer {
  const files: { name: string; data: Buffer }[] = [
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
      ),
    },
    {
      name: "_rels/.rels",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>',
      ),
    },
    {
      name: "ppt/presentation.xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation ${NS}><p:sldIdLst>${order.map((part, n) => `<p:sldId id="${256 + n}" r:id="rId${part}"/>`).join("")}</p:sldIdLst></p:presentation>`,
      ),
    },
    {
      name: "ppt/_rels/presentation.xml.rels",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${slides.map((_, n) => `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide${n + 1}.xml"/>`).join("")}</Relationships>`,
      ),
    },
  ];
  slides.forEach((slide, n) => {
    const shapes = textBox(slide.paragraphs) + (slide.table ? table(slide.table) : "");
    files.push({
      name: `ppt/slides/slide${n + 1}.xml`,
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld ${NS}><p:cSld><p:spTree>${shapes}</p:spTree></p:cSld></p:sld>`,
      ),
    });
    if (!slide.notes) return;
    files.push(
      {
        name: `ppt/slides/_rels/slide${n + 1}.xml.rels`,
        data: Buffer.from(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide${n + 1}.xml"/></Relationships>`,
        ),
      },
      {
        name: `ppt/notesSlides/notesSlide${n + 1}.xml`,
        // The slide number field a notes page carries, then the notes.
        data: Buffer.from(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:notes ${NS}><p:cSld><p:spTree>${textBox([String(n + 1)])}${textBox(slide.notes)}</p:spTree></p:cSld></p:notes>`,
        ),
      },
    );
  });
  return zip(files);
}
