import { useSyncExternalStore } from "react";

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

const subscribe = () => () => {};

/**
 * A timestamp in the reader's locale and time zone. The server cannot know either, so it renders
 * the UTC time from the ISO string and the browser swaps in the local one after hydration.
 */
export function LocalDate({ iso, testId }: { iso: string; testId?: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const text = hydrated ? localFormat.format(new Date(iso)) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return (
    <time dateTime={iso} data-testid={testId}>
      {text}
    </time>
  );
}
