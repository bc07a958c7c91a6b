import { useCallback, useEffect, useRef, useState } from "react";

/** Within this many pixels of the end counts as "at the latest message". */
const NEAR_BOTTOM_PX = 64;

/**
 * Keeps a scrolling list pinned to its end while content grows (a streaming answer), until the
 * person scrolls up; scrolling back to the end, or `scrollToEnd`, follows again. Inactive (an
 * empty chat's welcome), it leaves the scroll position alone.
 */
export function useFollowScroll({ active }: { active: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const isActive = useRef(active);
  useEffect(() => {
    isActive.current = active;
  }, [active]);
  const [atEnd, setAtEnd] = useState(true);

  const scrollToEnd = useCallback(() => {
    const element = container.current;
    if (!element) return;
    following.current = true;
    element.scrollTop = element.scrollHeight;
    setAtEnd(true);
  }, []);

  useEffect(() => {
    const element = container.current;
    const inner = content.current;
    if (!element || !inner) return;
    let lastTop = element.scrollTop;
    const distance = () => element.scrollHeight - element.scrollTop - element.clientHeight;

    const onScroll = () => {
      // Growth never moves scrollTop up. When the list gets taller (the field below shrinks) the
      // browser pulls scrollTop back to the new end; anything else moving it up is the person.
      if (element.scrollTop < lastTop - 1 && distance() > 1) following.current = false;
      else if (distance() <= NEAR_BOTTOM_PX) following.current = true;
      lastTop = element.scrollTop;
      setAtEnd(distance() <= NEAR_BOTTOM_PX);
    };
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) following.current = false;
    };
    const onResize = () => {
      if (!isActive.current) return;
      if (following.current) element.scrollTop = element.scrollHeight;
      lastTop = element.scrollTop;
      setAtEnd(following.current || distance() <= NEAR_BOTTOM_PX);
    };

    const observer = new ResizeObserver(onResize);
    observer.observe(inner);
    observer.observe(element);
    element.addEventListener("scroll", onScroll, { passive: true });
    element.addEventListener("wheel", onWheel, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", onScroll);
      element.removeEventListener("wheel", onWheel);
    };
  }, []);

  return { container, content, atEnd, scrollToEnd };
}
