/** A document's title: its file name without the extension. */
function documentTitle(documentName: string): string {
  return documentName.replace(/\.[a-z0-9]{1,5}$/i, "");
}

/** The line above a chunk: its document's title and section path ("flex-manual > 7 Patterns"). */
export function chunkHeading(documentName: string, section?: string): string {
  const title = documentTitle(documentName);
  return section ? `${title} > ${section}` : title;
}

/**
 * The text a chunk is embedded and indexed as: its heading above its own text, so that a passage
 * deep in "Options > Output" is found by what the section is about. Chroma keeps the chunk's own
 * text for display.
 */
export function contextualText(chunk: { text: string; section?: string }, documentName: string): string {
  return `${chunkHeading(documentName, chunk.section)}\n\n${chunk.text}`;
}
