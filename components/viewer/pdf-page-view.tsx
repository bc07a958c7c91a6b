"use client";

// Loaded only when a PDF is opened (next/dynamic in document-viewer.tsx): pdf.js stays out of the
// chat page's bundle.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from "pdfjs-dist";
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "../fetch-json";
import { type OcrWord, ocrBoxes, type PageBox, pageFractions, textLayerBoxes } from "./highlight-boxes";
import { HighlightOverlay } from "./highlight-overlay";
import { RangeTransport } from "./range-transport";
import type { HighlightState } from "./viewer-types";

function startWorker() {
  GlobalWorkerOptions.workerPort ??= new Worker(
    new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url),
    { type: "module" },
  );
}

type Props = {
  documentId: string;
  /** The file's size: pdf.js asks for byte ranges within it. */
  bytes: number;
  page: number;
  /** Zoom over the width that fits the viewer. */
  zoom: number;
  /** The passage to highlight on this page, or null. */
  passage: string | null;
  /** The page was read by OCR: its words' boxes place the highlight. */
  ocr: boolean;
  onPageCount: (pages: number) => void;
  onHighlight: (state: HighlightState) => void;
  onError: (message: string) => void;
};

/** One page of a PDF rendered by pdf.js, with the passage's boxes over it. */
export default function PdfPageView({
  documentId,
  bytes,
  page,
  zoom,
  passage,
  ocr,
  onPageCount,
  onHighlight,
  onError,
}: Props) {
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [boxes, setBoxes] = useState<PageBox[]>([]);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const callbacks = useRef({ onPageCount, onHighlight, onError });
  callbacks.current = { onPageCount, onHighlight, onError };

  useEffect(() => {
    startWorker();
    const transport = new RangeTransport(
      `/api/documents/${encodeURIComponent(documentId)}/file`,
      bytes,
      (message) => callbacks.current.onError(message),
    );
    // Only the ranges of the pages shown: a 50 MB PDF opens at page 200 after a few hundred KB.
    const task = getDocument({ range: transport, isEvalSupported: false, disableAutoFetch: true });
    task.promise.then(
      (loaded) => {
        setPdf(loaded);
        callbacks.current.onPageCount(loaded.numPages);
      },
      (error: unknown) => {
        if (!task.destroyed) callbacks.current.onError(`The PDF could not be opened: ${String(error)}`);
      },
    );
    return () => {
      transport.abort();
      void task.destroy();
    };
  }, [documentId, bytes]);

  useEffect(() => {
    const element = canvas.current;
    const width = frame.current?.clientWidth ?? 0;
    if (!pdf || !element || page < 1 || page > pdf.numPages) return;
    let cancelled = false;
    let render: RenderTask | undefined;
    void (async () => {
      const proxy = await pdf.getPage(page);
      if (cancelled) return;
      const natural = proxy.getViewport({ scale: 1 });
      const scale = (Math.max(width, 240) / natural.width) * zoom;
      const viewport = proxy.getViewport({ scale });
      const pixels = window.devicePixelRatio || 1;
      element.width = Math.floor(viewport.width * pixels);
      element.height = Math.floor(viewport.height * pixels);
      setSize({ width: viewport.width, height: viewport.height });
      render = proxy.render({
        canvas: element,
        viewport,
        transform: pixels === 1 ? undefined : [pixels, 0, 0, pixels, 0, 0],
      });
      await render.promise.catch((error: unknown) => {
        if ((error as Error)?.name !== "RenderingCancelledException") throw error;
      });
    })().catch((error: unknown) => {
      if (!cancelled) callbacks.current.onError(`Page ${page} could not be drawn: ${String(error)}`);
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [pdf, page, zoom]);

  useEffect(() => {
    setBoxes([]);
    if (!pdf || !passage || page < 1 || page > pdf.numPages) {
      callbacks.current.onHighlight("none");
      return;
    }
    let cancelled = false;
    callbacks.current.onHighlight("locating");
    void (async () => {
      const proxy = await pdf.getPage(page);
      const natural = proxy.getViewport({ scale: 1 });
      let found: PageBox[];
      if (ocr) {
        const words = await fetchJson<{ words: OcrWord[] }>(
          `/api/documents/${encodeURIComponent(documentId)}/ocr?page=${page}`,
          { fallbackError: "The page's OCR words could not be loaded" },
        );
        found = words.ok ? ocrBoxes(words.body.words, passage) : [];
      } else {
        const content = await proxy.getTextContent();
        const items = content.items.filter((item): item is TextItem => "str" in item);
        found = textLayerBoxes(items, passage, pageFractions(natural));
      }
      if (cancelled) return;
      setBoxes(found);
      callbacks.current.onHighlight(found.length > 0 ? "found" : "not-found");
    })().catch(() => {
      if (!cancelled) callbacks.current.onHighlight("not-found");
    });
    return () => {
      cancelled = true;
    };
  }, [pdf, page, passage, ocr, documentId]);

  return (
    <div ref={frame} className="w-full">
      <div
        className="relative mx-auto bg-white shadow-md ring-1 ring-zinc-200 dark:ring-zinc-700"
        style={size ? { width: size.width, height: size.height } : { aspectRatio: "1 / 1.3" }}
      >
        <canvas
          ref={canvas}
          data-testid="viewer-canvas"
          aria-label={`Page ${page}`}
          role="img"
          className="block size-full"
        />
        <HighlightOverlay boxes={boxes} />
      </div>
    </div>
  );
}
