import { toAppError } from "@/lib/errors";
import { attachment } from "@/lib/http";

/** A file download response named `<name>.<extension>`, "chat" when nothing of the name is left. */
export function download({
  body,
  name,
  extension,
  contentType,
}: {
  body: string | ReadableStream<Uint8Array>;
  name: string;
  extension: string;
  contentType: string;
}): Response {
  return new Response(body, {
    headers: {
      "content-type": `${contentType}; charset=utf-8`,
      "content-disposition": attachment(`${name}.${extension}`, "chat"),
      "cache-control": "no-store",
    },
  });
}

/**
 * A body written one item at a time, each rendered only once the client has read the one before:
 * a download of thousands of chats holds one of them in memory. An item rendered as "" is skipped.
 */
export function streamEach<Item>({
  items,
  render,
  context,
}: {
  items: Item[];
  render: (item: Item) => Promise<string>;
  /** Names the route in the log when an item fails; the client then sees the download break off. */
  context: string;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (next < items.length) {
          const text = await render(items[next++]);
          if (text) {
            controller.enqueue(encoder.encode(text));
            return;
          }
        }
        controller.close();
      } catch (error) {
        controller.error(toAppError(error, context));
      }
    },
  });
}
