import { PDFDataRangeTransport } from "pdfjs-dist";

/**
 * pdf.js reads the file in byte ranges through this: the document's size comes from its JSON, since
 * Next streams the file route without a Content-Length, which pdf.js's own loader needs before it
 * asks for ranges. A server (or proxy) that ignores Range and sends the whole file still works.
 */
export class RangeTransport extends PDFDataRangeTransport {
  private readonly controller = new AbortController();

  constructor(
    private readonly url: string,
    length: number,
    private readonly onError: (message: string) => void,
  ) {
    super(length, null);
  }

  override requestDataRange(begin: number, end: number): void {
    fetch(this.url, { headers: { range: `bytes=${begin}-${end - 1}` }, signal: this.controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = new Uint8Array(await response.arrayBuffer());
        this.onDataRange(response.status === 206 ? begin : 0, data);
      })
      .catch((error: unknown) => {
        if (!this.controller.signal.aborted) this.onError(`The PDF could not be read: ${String(error)}`);
      });
  }

  override abort(): void {
    this.controller.abort();
  }
}
