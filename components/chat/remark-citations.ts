// The few mdast fields this plugin touches; the full types live in @types/mdast, a transitive dependency.
type MarkdownNode = {
  type: string;
  value?: string;
  children?: MarkdownNode[];
  data?: { hName?: string; hProperties?: Record<string, string>; hChildren?: MarkdownNode[] };
};

// "[3]" or "[1, 2]": the markers the answer cites passages with.
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

function marker(citation: string): MarkdownNode {
  return {
    type: "citationMarker",
    data: {
      hName: "sup",
      hProperties: { dataCitation: citation },
      hChildren: [{ type: "text", value: `[${citation}]` }],
    },
  };
}

function splitText(value: string): MarkdownNode[] {
  const nodes: MarkdownNode[] = [];
  let last = 0;
  for (const match of value.matchAll(MARKER)) {
    if (match.index > last) nodes.push({ type: "text", value: value.slice(last, match.index) });
    for (const citation of match[1].split(",")) nodes.push(marker(citation.trim()));
    last = match.index + match[0].length;
  }
  if (nodes.length === 0) return [{ type: "text", value }];
  if (last < value.length) nodes.push({ type: "text", value: value.slice(last) });
  return nodes;
}

function visit(node: MarkdownNode) {
  // Code keeps its brackets (code nodes carry a value, not text children); a link cannot hold a button.
  if (!node.children || node.type === "link" || node.type === "linkReference") return;
  node.children = node.children.flatMap((child) => {
    if (child.type === "text" && child.value) return splitText(child.value);
    visit(child);
    return [child];
  });
}

/**
 * A remark plugin that turns citation markers in text into `<sup data-citation="n">` elements,
 * which the markdown renderer shows as buttons when n names one of the answer's passages.
 */
export function remarkCitations() {
  return (tree: MarkdownNode) => visit(tree);
}
