import { memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import type { CitationDetails } from "@/lib/chat/types";
import { CitationMarker } from "./citation-chips";
import { remarkCitations } from "./remark-citations";
import "./code-theme.css";

// Prose styles without a typography plugin: spacing, lists, tables and code in the chat's type scale.
const prose = [
  "break-words leading-relaxed",
  "[&_p]:my-3 [&>*:first-child]:mt-0 [&>*:last-child]:mb-0",
  "[&_h1]:mt-5 [&_h1]:mb-2 [&_h1]:font-semibold [&_h1]:text-lg",
  "[&_h2]:mt-5 [&_h2]:mb-2 [&_h2]:font-semibold [&_h2]:text-base",
  "[&_h3]:mt-4 [&_h3]:mb-1.5 [&_h3]:font-semibold",
  "[&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-1",
  "[&_a]:text-blue-700 [&_a]:underline [&_a]:underline-offset-2 dark:[&_a]:text-blue-400",
  "[&_blockquote]:my-3 [&_blockquote]:border-zinc-300 [&_blockquote]:border-l-4 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-700",
  "dark:[&_blockquote]:border-zinc-700 dark:[&_blockquote]:text-zinc-300",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-zinc-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:text-[0.875em]",
  "dark:[&_:not(pre)>code]:bg-zinc-800",
  "[&_pre]:my-3 [&_pre]:overflow-hidden [&_pre]:rounded-lg [&_pre]:border [&_pre]:border-zinc-200 [&_pre]:text-[0.8125rem] dark:[&_pre]:border-zinc-800",
  "[&_table]:my-3 [&_table]:block [&_table]:overflow-x-auto [&_table]:text-sm",
  "[&_th]:border [&_th]:border-zinc-300 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left dark:[&_th]:border-zinc-700",
  "[&_td]:border [&_td]:border-zinc-300 [&_td]:px-2 [&_td]:py-1 dark:[&_td]:border-zinc-700",
].join(" ");

const remarkPlugins = [remarkGfm, remarkCitations];
const rehypePlugins = [rehypeHighlight];

/**
 * An answer's markdown, with code highlighted and its [n] markers as buttons that open passage n.
 * Memoised on the text, so streaming re-renders only the message whose text grew.
 */
export const Markdown = memo(function Markdown({
  text,
  citations,
  onOpenCitation,
  testId = "message-text",
}: {
  testId?: string;
  text: string;
  citations: CitationDetails[];
  onOpenCitation: (citation: CitationDetails) => void;
}) {
  const components = useMemo<Components>(
    () => ({
      a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer" />,
      sup: ({ node: _node, children, ...props }) => {
        const marker = (props as Record<string, unknown>)["data-citation"];
        if (marker === undefined) return <sup {...props}>{children}</sup>;
        const citation = citations.find((candidate) => candidate.citation === Number(marker));
        // A marker without a passage behind it stays the plain text the model wrote.
        if (!citation) return <>{children}</>;
        return <CitationMarker citation={citation} onOpen={onOpenCitation} />;
      },
    }),
    [citations, onOpenCitation],
  );

  return (
    <div data-testid={testId} className={prose}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        // An answer can be steered by a document's text; an image would make the browser fetch any URL.
        disallowedElements={["img"]}
        unwrapDisallowed
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
