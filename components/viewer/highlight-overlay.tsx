import { useEffect, useRef } from "react";
import { type PageBox, topmost } from "./highlight-boxes";

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/** The passage's boxes over a rendered page; the topmost is scrolled into view when they arrive. */
export function HighlightOverlay({ boxes }: { boxes: PageBox[] }) {
  const first = useRef<HTMLDivElement>(null);
  const top = topmost(boxes);

  useEffect(() => {
    if (top) first.current?.scrollIntoView({ block: "center", behavior: "instant" });
  }, [top]);

  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-0">
      {boxes.map((box, n) => (
        <div
          // Boxes are recomputed as a whole; their order is stable within one set.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          key={n}
          ref={box === top ? first : undefined}
          data-testid="viewer-highlight"
          className="absolute rounded-[2px] bg-yellow-300/45 mix-blend-multiply ring-1 ring-yellow-500/40 dark:bg-yellow-300/55"
          style={{
            left: percent(box[0]),
            top: percent(box[1]),
            width: percent(box[2] - box[0]),
            height: percent(box[3] - box[1]),
          }}
        />
      ))}
    </div>
  );
}
