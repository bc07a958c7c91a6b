import { Markdown } from "./markdown";

/** A Markdown table (a header row and its separator) in a passage: written by DOCX, HTML and CSV extraction. */
const MARKDOWN_TABLE = /^\|.*\|\n\|(\s*:?-{3,}:?\s*\|)+$/m;
const noCitations: never[] = [];

export const hasTable = (text: string) => MARKDOWN_TABLE.test(text);
const ignore = () => {};

/** A cited passage's own text: a table as the table it is, rows and cells; other text as written. */
export function PassageText({ text, highlighted = false }: { text: string; highlighted?: boolean }) {
  if (hasTable(text)) {
    return (
      <div
        data-testid={highlighted ? "viewer-highlight" : undefined}
        className={highlighted ? "rounded bg-yellow-100/70 px-2 dark:bg-yellow-500/15" : undefined}
      >
        <Markdown text={text} citations={noCitations} onOpenCitation={ignore} testId="citation-text" />
      </div>
    );
  }
  return (
    <blockquote data-testid="citation-text" className="whitespace-pre-wrap break-words leading-relaxed">
      {highlighted ? (
        <mark
          data-testid="viewer-highlight"
          className="rounded-[2px] bg-yellow-200 text-inherit dark:bg-yellow-500/40"
        >
          {text}
        </mark>
      ) : (
        text
      )}
    </blockquote>
  );
}
