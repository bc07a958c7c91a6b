/**
 * The text a chunk is embedded and indexed as: its document's title and section path above its own
 * text, so that a passage deep in "Options > Output" is found by what the section is about. Chroma
 * keeps the chunk's own text for display.
 */
export function contextualText(chunk: { text: string; section?: string }, documentName: string): string {
  const title = documentName.replace(/\.[a-z0-9]{1,5}$/i, "");
  const heading = chunk.section ? `${title} > ${chunk.section}` : title;
  return `${heading}\n\n${chunk.text}`;
}
