// PDF text extraction, run inside the ingestion worker thread. PDFium (WebAssembly) reads the text:
// several times faster than pdf.js here, with cleaner text. pdf.js (through pdf-parse) reads the
// files PDFium refuses to open. Worker code: nothing here may import Next or read process.env.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PDFiumModule } from "@hyzyla/pdfium";
import { PDF_PAGE_BATCH } from "@/lib/config/constants";
import { AppError } from "@/lib/errors";
import { type GrayImage, type OcrOptions, OcrUnavailableError, recognizePage } from "./ocr";
import { PdfTableReader, withTable } from "./pdf-tables";
import type { ExtractedDocument, PageText } from "./types";

type ExtractOptions = {
  signal?: AbortSignal;
  /** Pages without a usable text layer are rendered and read by OCR; null or absent: left empty. */
  ocr?: OcrOptions | null;
};

/** Why an engine would not open a file. */
type Refusal = { refused: "password" | "encryption" | "damaged"; cause: unknown };

/** A PDF an engine has opened: its page count, and its pages read from a fresh open of the file. */
type Opened = { pageCount: number; pages: (options: ExtractOptions) => AsyncGenerator<PageText[]> };

const refusalMessages: Record<Refusal["refused"], string> = {
  password:
    "This PDF is password-protected. Remove the password (print to PDF or use qpdf --decrypt) and upload it again.",
  encryption:
    "This PDF is encrypted in a way that cannot be read. Decrypt it (print to PDF or use qpdf --decrypt) and upload it again.",
  damaged: "This file could not be read as a PDF: it is damaged or not really a PDF.",
};

/**
 * Opens the PDF at `path` and returns its page count and its pages, in order, in batches of
 * PDF_PAGE_BATCH. Pages without a usable text layer are read by OCR when `ocr` is given (PDFium
 * only: pdf.js cannot render here) and come back with empty text otherwise.
 *
 * Fallback rule: PDFium reads every file it opens. When it refuses a file for any reason but a
 * password (a damaged structure, an unknown security handler), pdf.js gets a try: it is more lenient
 * in places, for example with more than 1 KB before the `%PDF-` header, which PDFium rejects. If both
 * refuse, PDFium's reason is reported. A password is final: pdf.js cannot open the file either.
 */
export async function extractPdf(path: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  options.signal?.throwIfAborted();
  const byPdfium = await openWithPdfium(path);
  if (!("refused" in byPdfium) || byPdfium.refused === "password") return toExtracted(byPdfium, options);
  const byPdfParse = await openWithPdfParse(path);
  return toExtracted("refused" in byPdfParse ? byPdfium : byPdfParse, options);
}

/** PDFium alone, without the fallback. */
export async function extractWithPdfium(
  path: string,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  return toExtracted(await openWithPdfium(path), options);
}

/** pdf.js (pdf-parse) alone. */
export async function extractWithPdfParse(
  path: string,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  return toExtracted(await openWithPdfParse(path), options);
}

function toExtracted(opened: Opened | Refusal, options: ExtractOptions): ExtractedDocument {
  if ("refused" in opened) {
    throw new AppError("unprocessable", refusalMessages[opened.refused], { cause: opened.cause });
  }
  if (opened.pageCount === 0) throw new AppError("unprocessable", "This PDF has no pages.");
  return { kind: "pdf", pageCount: opened.pageCount, pages: opened.pages(options) };
}

function changedError(): AppError {
  return new AppError("unprocessable", "This PDF changed while it was being read. Upload it again.");
}

// ---- PDFium -----------------------------------------------------------------------------------

/** The wasm module, with the exports we call that the package's type declarations leave out. */
type Pdfium = Awaited<ReturnType<typeof PDFiumModule>> & {
  _FPDF_InitLibrary(): void;
  _FPDFBitmap_Create(width: number, height: number, alpha: number): number;
  _FPDFText_GetCharIndexFromTextIndex(textPage: number, textIndex: number): number;
  _FPDFText_GetCharOrigin(textPage: number, charIndex: number, x: number, y: number): number;
};

const FPDF_ERR_PASSWORD = 4;
const FPDF_PAGEOBJ_PATH = 2;
/** Path objects a page needs before pdf.js is asked for its tables: a 2 × 2 grid has six lines. */
const TABLE_MIN_PATHS = 6;
const FPDF_ERR_SECURITY = 5;
/** PDFium's mark for a hyphen it removed at a line end, joining the two lines. */
const JOINED_HYPHEN = "\ufffe";
/**
 * A line starts a new paragraph when it sits this much further below the previous line than the
 * page's median line spacing. Measured on the Texinfo fixtures: lines within a paragraph are within
 * 5% of the median, paragraph breaks 17% or more above it.
 */
const PARAGRAPH_SPACING = 1.15;
const CONTROL_CODES = /(?![\t\n])\p{Cc}/gu;
const utf16 = new TextDecoder("utf-16le");

// One instance per worker thread, shared by the documents it reads: every call into it is
// synchronous, so documents cannot interleave inside it.
let pdfium: Promise<Pdfium> | undefined;
/** An instance whose memory has grown past this is replaced after the document it read. */
const RETIRE_AFTER_HEAP_BYTES = 64 * 1024 * 1024;

async function startPdfium(): Promise<Pdfium> {
  // Resolved from this module (or the bundle it is built into) to the installed package's file, so
  // the wasm never comes from the network and the working directory does not matter.
  const wasmPath = createRequire(import.meta.url).resolve("@hyzyla/pdfium/pdfium.wasm");
  const module = (await PDFiumModule({ locateFile: () => wasmPath })) as Pdfium;
  module._FPDF_InitLibrary();
  return module;
}

function loadPdfium(): Promise<Pdfium> {
  if (!pdfium) {
    pdfium = startPdfium();
    // A failed start is tried again by the next document.
    pdfium.catch(() => {
      pdfium = undefined;
    });
  }
  return pdfium;
}

/** Reads the file straight into PDFium's memory, so that its bytes exist once in this thread. */
function readIntoPdfium(module: Pdfium, path: string): { pointer: number; size: number } {
  const file = openSync(path, "r");
  try {
    const { size } = fstatSync(file);
    const pointer = module.wasmExports.malloc(Math.max(size, 1));
    if (!pointer) throw new AppError("payload_too_large", "This PDF is too large to read.");
    try {
      // Synchronous on purpose: HEAPU8 is replaced whenever the wasm memory grows, so nothing else
      // may run in this thread between allocating and filling.
      for (let offset = 0; offset < size; ) {
        const read = readSync(file, module.HEAPU8, pointer + offset, size - offset, offset);
        if (read === 0) throw changedError();
        offset += read;
      }
    } catch (error) {
      module.wasmExports.free(pointer);
      throw error;
    }
    return { pointer, size };
  } finally {
    closeSync(file);
  }
}

type PdfiumDocument = { handle: number; pointer: number; pageCount: number };

function openInPdfium(module: Pdfium, path: string): PdfiumDocument | Refusal {
  const { pointer, size } = readIntoPdfium(module, path);
  const handle = module._FPDF_LoadMemDocument(pointer, size, 0);
  if (handle) return { handle, pointer, pageCount: module._FPDF_GetPageCount(handle) };
  const code = module._FPDF_GetLastError();
  module.wasmExports.free(pointer);
  const refused =
    code === FPDF_ERR_PASSWORD ? "password" : code === FPDF_ERR_SECURITY ? "encryption" : "damaged";
  return { refused, cause: new Error(`PDFium could not open the file (FPDF error ${code})`) };
}

function closeInPdfium(module: Pdfium, document: PdfiumDocument) {
  module._FPDF_CloseDocument(document.handle);
  module.wasmExports.free(document.pointer);
}

async function openWithPdfium(path: string): Promise<Opened | Refusal> {
  const current = loadPdfium();
  const module = await current;
  // Opened once for the page count, then again when the pages are read, so that a consumer that
  // never iterates them holds no PDFium memory.
  const counted = openInPdfium(module, path);
  if ("refused" in counted) return counted;
  closeInPdfium(module, counted);
  const { pageCount } = counted;

  async function* pages({ signal, ocr }: ExtractOptions): AsyncGenerator<PageText[]> {
    signal?.throwIfAborted();
    const document = openInPdfium(module, path);
    if ("refused" in document || document.pageCount !== pageCount) {
      if (!("refused" in document)) closeInPdfium(module, document);
      throw changedError();
    }
    const tables = new PdfTableReader(path);
    let crashed = false;
    const inPdfium = <T>(read: () => T): T => {
      try {
        return read();
      } catch (error) {
        // A trap in the wasm (a crash inside PDFium) leaves its memory in an unknown state: the
        // next document gets a new instance.
        if (!(error instanceof WebAssembly.RuntimeError)) throw error;
        crashed = true;
        pdfium = undefined;
        throw new AppError("unprocessable", refusalMessages.damaged, { cause: error });
      }
    };
    try {
      // A batch ends after PDF_PAGE_BATCH pages, or as soon as every OCR worker has a page: OCR
      // takes seconds a page, and progress should move at that pace.
      let batch: (PageText | Promise<PageText>)[] = [];
      // Pages with text and enough lines drawn to hold a ruled table: pdf.js looks for tables there.
      let ruled: number[] = [];
      let reading = 0;
      for (let page = 1; page <= document.pageCount; page++) {
        signal?.throwIfAborted();
        const { text, paths } = inPdfium(() => pdfiumPageText(module, document.handle, page - 1));
        if (ocr && !hasTextLayer(text)) {
          const image = inPdfium(() => renderPage(module, document.handle, page - 1));
          batch.push(image ? readByOcr(page, image, ocr) : { page, text, ocr: { words: [] } });
          reading++;
        } else {
          batch.push({ page, text });
          if (paths >= TABLE_MIN_PATHS) ruled.push(page);
        }
        if (batch.length >= PDF_PAGE_BATCH || reading >= (ocr?.workers ?? 1) || page === document.pageCount) {
          const read = await Promise.all(batch);
          const found = await tables.tables(ruled);
          yield read.map((each) => {
            const onPage = found.get(each.page as number);
            return onPage ? { ...each, text: onPage.reduce(withTable, each.text) } : each;
          });
          batch = [];
          ruled = [];
          reading = 0;
        }
      }
    } finally {
      await tables.close();
      if (!crashed) closeInPdfium(module, document);
      // Wasm memory only grows: after a large file the instance is let go, so that an idle worker
      // does not keep the largest document it ever read.
      if (!crashed && module.HEAPU8.length > RETIRE_AFTER_HEAP_BYTES && pdfium === current)
        pdfium = undefined;
    }
  }

  return { pageCount, pages };
}

/**
 * A text layer counts when it holds this many letters and digits: a scanned page often carries a
 * stamped page or Bates number, and nothing else.
 */
const TEXT_LAYER_MIN_CHARACTERS = 20;

function hasTextLayer(text: string): boolean {
  let count = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]/gu)) if (++count >= TEXT_LAYER_MIN_CHARACTERS) return true;
  return false;
}

/** Pages are rendered for OCR at this resolution: body text of 9 pt and up reads cleanly. */
const OCR_DPI = 150;
/** A larger page (a poster, a drawing) is rendered at a lower resolution instead. */
const OCR_MAX_PIXELS = 16_000_000;
const FPDF_ANNOT = 0x01;
const FPDF_GRAYSCALE = 0x08;

/** A page read by OCR; one that OCR fails on comes back empty, and the rest of the document goes on. */
async function readByOcr(page: number, image: GrayImage, ocr: OcrOptions): Promise<PageText> {
  try {
    const { text, words } = await recognizePage(image, ocr);
    return { page, text, ocr: { words } };
  } catch (error) {
    // OCR that cannot start fails the document, which can be indexed again once it is fixed; a page
    // that OCR fails on is only that page.
    if (error instanceof OcrUnavailableError)
      throw new AppError("internal", `OCR could not start on this server (${error.message}).`, {
        cause: error,
      });
    console.warn(`[ocr] could not read page ${page}`, error);
    return { page, text: "", ocr: { words: [] } };
  }
}

/** A page rendered to greyscale for OCR; null if PDFium cannot load it. */
function renderPage(module: Pdfium, documentHandle: number, pageIndex: number): GrayImage | null {
  const page = module._FPDF_LoadPage(documentHandle, pageIndex);
  if (!page) return null;
  try {
    const points = { width: module._FPDF_GetPageWidth(page), height: module._FPDF_GetPageHeight(page) };
    const scale = Math.min(OCR_DPI / 72, Math.sqrt(OCR_MAX_PIXELS / (points.width * points.height)));
    const width = Math.max(1, Math.round(points.width * scale));
    const height = Math.max(1, Math.round(points.height * scale));
    const bitmap = module._FPDFBitmap_Create(width, height, 0);
    if (!bitmap) return null;
    try {
      module._FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
      module._FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, FPDF_ANNOT | FPDF_GRAYSCALE);
      const buffer = module._FPDFBitmap_GetBuffer(bitmap);
      const stride = module._FPDFBitmap_GetStride(bitmap);
      const bytes = module.HEAPU8;
      const pixels = new Uint8Array(width * height);
      // BGRx; rendered in greyscale, so the three channels agree and one is enough.
      for (let y = 0; y < height; y++) {
        const row = buffer + y * stride;
        for (let x = 0; x < width; x++) pixels[y * width + x] = bytes[row + x * 4];
      }
      return { width, height, pixels };
    } finally {
      module._FPDFBitmap_Destroy(bitmap);
    }
  } finally {
    module._FPDF_ClosePage(page);
  }
}

/** A page's text, one line per line, a blank line between paragraphs; "" if the page cannot load. */
/** A page's text, and how many path objects (lines, boxes) are drawn on it: a ruled table has several. */
function pdfiumPageText(
  module: Pdfium,
  documentHandle: number,
  pageIndex: number,
): { text: string; paths: number } {
  const page = module._FPDF_LoadPage(documentHandle, pageIndex);
  if (!page) return { text: "", paths: 0 };
  const textPage = module._FPDFText_LoadPage(page);
  try {
    let paths = 0;
    const objects = module._FPDFPage_CountObjects(page);
    for (let n = 0; n < objects && paths < TABLE_MIN_PATHS; n++) {
      if (module._FPDFPageObj_GetType(module._FPDFPage_GetObject(page, n)) === FPDF_PAGEOBJ_PATH) paths++;
    }
    return { text: textPage ? layOut(module, textPage, readText(module, textPage)) : "", paths };
  } finally {
    if (textPage) module._FPDFText_ClosePage(textPage);
    module._FPDF_ClosePage(page);
  }
}

function readText(module: Pdfium, textPage: number): string {
  const count = module._FPDFText_CountChars(textPage);
  if (count <= 0) return "";
  const buffer = module.wasmExports.malloc((count + 1) * 2);
  try {
    // The count returned includes the terminating NUL.
    const written = module._FPDFText_GetText(textPage, 0, count, buffer);
    return written > 1 ? utf16.decode(module.HEAPU8.subarray(buffer, buffer + (written - 1) * 2)) : "";
  } finally {
    module.wasmExports.free(buffer);
  }
}

/**
 * Restores the printed lines (PDFium joins a hyphenated line to the next one; the chunker decides
 * whether the hyphen goes) and marks paragraph breaks, which PDFium does not, from line spacing.
 */
function layOut(module: Pdfium, textPage: number, text: string): string {
  const lines: { text: string; start: number; hyphenated: boolean }[] = [];
  let start = 0;
  for (const lineEnd of text.matchAll(/\r\n|\ufffe/g)) {
    lines.push({ text: text.slice(start, lineEnd.index), start, hyphenated: lineEnd[0] === JOINED_HYPHEN });
    start = lineEnd.index + lineEnd[0].length;
  }
  lines.push({ text: text.slice(start), start, hyphenated: false });
  // A glyph whose Unicode mapping is a control code reads as a space (TeX draws the circle of © with
  // a glyph mapped to U+000D). Same length, so text offsets still hold.
  for (const line of lines) line.text = line.text.replace(CONTROL_CODES, " ");

  const origin = module.wasmExports.malloc(16);
  const baselines = lines.map((line) => {
    const firstVisible = line.text.search(/\S/);
    if (firstVisible < 0) return null;
    const charIndex = module._FPDFText_GetCharIndexFromTextIndex(textPage, line.start + firstVisible);
    if (charIndex < 0 || !module._FPDFText_GetCharOrigin(textPage, charIndex, origin, origin + 8))
      return null;
    return new DataView(module.HEAPU8.buffer).getFloat64(origin + 8, true);
  });
  module.wasmExports.free(origin);

  // PDF y grows upwards: the gap down to a line is the previous baseline minus its own.
  const gaps = baselines.map((y, n) => {
    const above = n > 0 ? baselines[n - 1] : null;
    return y === null || above === null ? 0 : above - y;
  });
  const spacing = gaps.filter((gap) => gap > 0).sort((a, b) => a - b);
  const median = spacing[Math.floor((spacing.length - 1) / 2)] ?? 0;
  return lines
    .map((line, n) => {
      const breakBefore = median > 0 && gaps[n] > median * PARAGRAPH_SPACING ? "\n" : "";
      return `${breakBefore}${line.text}${line.hyphenated ? "-" : ""}`;
    })
    .join("\n");
}

/** Pages (1-based) of a PDF as OCR sees them: rendered to greyscale (the OCR bench's input). */
export async function renderPagesForOcr(path: string, pages: number[]): Promise<GrayImage[]> {
  const module = await loadPdfium();
  const document = openInPdfium(module, path);
  if ("refused" in document) throw new AppError("unprocessable", refusalMessages[document.refused]);
  try {
    return pages.flatMap((page) => renderPage(module, document.handle, page - 1) ?? []);
  } finally {
    closeInPdfium(module, document);
  }
}

// ---- pdf.js (pdf-parse) -------------------------------------------------------------------------

async function openWithPdfParse(path: string): Promise<Opened | Refusal> {
  // Loaded on first use: pdf.js is only needed for the files PDFium refuses.
  const { PDFParse } = await import("pdf-parse");
  const open = async () => {
    const bytes = await readFile(path);
    // A view, not a copy: pdf.js wants a plain Uint8Array rather than a Buffer.
    return new PDFParse({ data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  };

  const counting = await open();
  let pageCount: number;
  try {
    pageCount = (await counting.getInfo()).total;
  } catch (error) {
    const refused = error instanceof Error && error.name === "PasswordException" ? "password" : "damaged";
    return { refused, cause: error };
  } finally {
    await counting.destroy();
  }

  async function* pages({ signal }: ExtractOptions): AsyncGenerator<PageText[]> {
    signal?.throwIfAborted();
    const parser = await open();
    try {
      for (let first = 1; first <= pageCount; first += PDF_PAGE_BATCH) {
        signal?.throwIfAborted();
        const partial = Array.from(
          { length: Math.min(PDF_PAGE_BATCH, pageCount - first + 1) },
          (_, n) => first + n,
        );
        const result = await parser.getText({ partial, pageJoiner: "" }).catch((error: unknown) => {
          throw new AppError("unprocessable", refusalMessages.damaged, { cause: error });
        });
        yield result.pages.map((page) => ({ page: page.num, text: page.text }));
      }
    } finally {
      await parser.destroy();
    }
  }

  return { pageCount, pages };
}
