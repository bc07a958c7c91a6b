/** A cell as a Markdown table holds it: one line, its pipes escaped. */
const cell = (value: string) => value.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");

/**
 * Rows as one Markdown table, the first row its header; short rows are padded to the widest. The
 * chunker keeps such a table's rows whole and repeats the header (lib/ingest/chunk.ts).
 */
export function markdownTable(rows: string[][]): string {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const line = (row: string[]) =>
    `| ${Array.from({ length: width }, (_, n) => cell(row[n] ?? "")).join(" | ")} |`.replace(/ {2,}/g, " ");
  const [header, ...rest] = rows;
  return [line(header), `|${" --- |".repeat(width)}`, ...rest.map(line)].join("\n");
}
