import "server-only";
import type { Collection } from "chromadb";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { EMBED_BATCH_SIZE } from "@/lib/config/constants";
import { SegmentBuilder, type SegmentData } from "@/lib/lexical/segment";
import { addChunks, type ChunkRecord, chunkId, recordDimension } from "@/lib/rag/chroma";
import { analyze } from "@/lib/text/analyze";
import { contextualText } from "@/lib/text/contextual-text";
import type { Chunk } from "./chunk";

/** Most batches being embedded or written at once: a remote model embeds while earlier batches are stored. */
const MAX_IN_FLIGHT = 3;
/**
 * A partial batch is sent while fewer writes than this are in flight. Chroma stores one write after
 * another, so with one write waiting behind the one it stores it never idles between them, and
 * batches grow on their own to what arrives while Chroma is busy.
 */
const QUEUED_WRITES = 2;

/**
 * The embed and write stages: embeds chunks in batches (each with its document title and section
 * above it) and writes them to Chroma, keeping the next write waiting at Chroma's door while the
 * current one is stored. The terms of every chunk that landed go into the document's lexical
 * segment, which `flush` returns for the caller to store with the document's "ready".
 */
export class ChunkWriter {
  private readonly documentId: string;
  private readonly documentName: string;
  private readonly embedder: Embedder;
  private readonly collection: Collection;
  private readonly signal: AbortSignal;
  private readonly onWritten: () => void;
  private pending: Chunk[] = [];
  /** Writes not yet landed; a failed one stays here, so that the next wait on them rethrows its error. */
  private readonly inFlight = new Set<Promise<void>>();
  private failed = false;
  private readonly segment = new SegmentBuilder();
  /** The check that the collection holds vectors of this embedder's dimension, made with the first batch. */
  private dimensionChecked: Promise<void> | undefined;
  /** Chunks stored so far. */
  written = 0;

  constructor(options: {
    documentId: string;
    documentName: string;
    embedder: Embedder;
    collection: Collection;
    signal: AbortSignal;
    /** Called whenever a batch has landed in Chroma (`written` has grown). */
    onWritten?: () => void;
  }) {
    this.documentId = options.documentId;
    this.documentName = options.documentName;
    this.embedder = options.embedder;
    this.collection = options.collection;
    this.signal = options.signal;
    this.onWritten = options.onWritten ?? (() => {});
  }

  /** Takes chunks; waits only while MAX_IN_FLIGHT batches are already on their way. */
  async add(chunks: Chunk[]) {
    this.pending.push(...chunks);
    await this.send(EMBED_BATCH_SIZE);
    this.sendPartial();
  }

  /** Writes what is left, waits for every write to land, and returns the lexical segment of all of them. */
  async flush(): Promise<SegmentData> {
    await this.send(1);
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    return this.segment.build();
  }

  /** Lets in-flight writes land (or fail), before the caller removes the document's chunks. */
  async settle() {
    this.pending = [];
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts batches while at least `least` chunks are pending; rethrows a failed write's error. */
  private async send(least: number) {
    while (this.pending.length >= least) {
      await this.rethrowFailure();
      while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
      if (this.pending.length >= least) this.start(this.pending.splice(0, EMBED_BATCH_SIZE));
    }
    await this.rethrowFailure();
  }

  private async rethrowFailure() {
    if (this.failed) await Promise.all([...this.inFlight]);
  }

  private sendPartial() {
    if (this.pending.length > 0 && this.inFlight.size < QUEUED_WRITES && !this.failed)
      this.start(this.pending.splice(0, EMBED_BATCH_SIZE));
  }

  private start(batch: Chunk[]) {
    const write = this.store(batch);
    this.inFlight.add(write);
    write.then(
      () => {
        this.inFlight.delete(write);
        this.sendPartial();
      },
      () => {
        this.failed = true;
      },
    );
  }

  private async store(batch: Chunk[]) {
    this.signal.throwIfAborted();
    const contextual = batch.map((chunk) => contextualText(chunk, this.documentName));
    const terms = contextual.map(analyze);
    const embeddings = this.embedder.embedTerms
      ? this.embedder.embedTerms(terms)
      : await this.embedder.embedDocuments(contextual, { signal: this.signal });
    if (embeddings.length > 0)
      this.dimensionChecked ??= recordDimension(this.collection, embeddings[0].length);
    await this.dimensionChecked;
    const records: ChunkRecord[] = batch.map((chunk, n) => ({
      id: chunkId(this.documentId, chunk.index),
      text: chunk.text,
      embedding: embeddings[n],
      metadata: {
        documentId: this.documentId,
        documentName: this.documentName,
        chunkIndex: chunk.index,
        page: chunk.page ?? 0,
        pageEnd: chunk.pageEnd ?? 0,
        tokens: chunk.tokens,
        section: chunk.section,
      },
    }));
    await addChunks(this.collection, records);
    batch.forEach((chunk, n) => {
      this.segment.add(chunk.index, terms[n]);
    });
    this.written += records.length;
    this.onWritten();
  }
}
