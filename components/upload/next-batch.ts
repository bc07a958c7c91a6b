/**
 * Files per request. The server takes up to 100; half that hands the first files over to indexing
 * sooner and still turns 200 files into four requests (uploads are rate-limited per request).
 */
export const MAX_FILES_PER_BATCH = 50;

/** A file above this share of a request's budget (or 4 MB) goes alone, so small ones are not held up. */
const ALONE_SHARE = 1 / 4;
const ALONE_BYTES = 4 * 1024 * 1024;

/**
 * How many of the waiting files, from the front, go in the next request: small files together, as
 * many as fit under MAX_FILES_PER_BATCH and `maxBatchBytes` in all, in the order they were added;
 * a big file alone.
 */
export function nextBatchSize(waiting: readonly { size: number }[], maxBatchBytes: number): number {
  const aloneAbove = Math.min(ALONE_BYTES, maxBatchBytes * ALONE_SHARE);
  let count = 0;
  let bytes = 0;
  for (const file of waiting) {
    const big = file.size > aloneAbove;
    if (count > 0 && (big || count === MAX_FILES_PER_BATCH || bytes + file.size > maxBatchBytes)) break;
    count += 1;
    bytes += file.size;
    if (big) break;
  }
  return count;
}
