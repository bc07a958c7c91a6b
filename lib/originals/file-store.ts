import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ByteRange, LocalOriginal, OriginalStore } from "./store";

const PARTIAL = ".partial";

/** Originals as files in one folder (the embedded default: DATA_DIR/originals). */
export class FileOriginalStore implements OriginalStore {
  readonly kind = "files" as const;
  private readonly directory: string;

  constructor({ directory }: { directory: string }) {
    this.directory = directory;
  }

  private file(id: string) {
    // Ids are UUIDs; anything else must not name a path outside the folder.
    if (!/^[\w-]+$/.test(id)) throw new Error(`not an original id: ${id}`);
    return path.join(this.directory, id);
  }

  async write(id: string, source: Readable): Promise<number> {
    await mkdir(this.directory, { recursive: true });
    const target = this.file(id);
    const partial = `${target}${PARTIAL}`;
    let bytes = 0;
    source.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    try {
      await pipeline(source, createWriteStream(partial));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return bytes;
  }

  async read(id: string, range?: ByteRange): Promise<Readable | null> {
    const target = this.file(id);
    if (!(await exists(target))) return null;
    return createReadStream(target, range);
  }

  async localFile(id: string): Promise<LocalOriginal | null> {
    const target = this.file(id);
    if (!(await exists(target))) return null;
    return { path: target, release: async () => {} };
  }

  async delete(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  async sweep(): Promise<void> {
    const names = await readdir(this.directory).catch(() => []);
    await Promise.all(
      names
        .filter((name) => name.endsWith(PARTIAL))
        .map((name) => rm(path.join(this.directory, name), { force: true })),
    );
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}
