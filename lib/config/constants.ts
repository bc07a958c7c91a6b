export const ACCEPTED_TYPES = {
  pdf: { extensions: [".pdf"], mimeTypes: ["application/pdf"] },
  docx: {
    extensions: [".docx"],
    mimeTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  markdown: { extensions: [".md", ".markdown"], mimeTypes: ["text/markdown", "text/x-markdown"] },
  xlsx: {
    extensions: [".xlsx"],
    mimeTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  pptx: {
    extensions: [".pptx"],
    mimeTypes: ["application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  },
  html: { extensions: [".html", ".htm"], mimeTypes: ["text/html"] },
  csv: { extensions: [".csv"], mimeTypes: ["text/csv", "application/csv"] },
  text: { extensions: [".txt", ".text"], mimeTypes: ["text/plain"] },
} as const;

export type DocumentKind = keyof typeof ACCEPTED_TYPES;

export const ACCEPTED_EXTENSIONS = Object.values(ACCEPTED_TYPES).flatMap((type) => type.extensions);

export const ACCEPTED_TYPES_LABEL = "PDF, DOCX, XLSX, PPTX, HTML, CSV, Markdown (.md) or plain text (.txt)";

/** Longest document name we keep; longer names are shortened, keeping the extension. */
export const MAX_NAME_LENGTH = 200;

export const DEFAULT_TOP_K = 5;
export const MAX_TOP_K = 50;
export const MAX_QUERY_CHARS = 4000;

/** Chunks embedded and written to Chroma per batch during ingestion. */
export const EMBED_BATCH_SIZE = 64;

/** Pages a PDF worker extracts before reporting back, so progress and chunking start early. */
export const PDF_PAGE_BATCH = 8;
