/** A thin bar for a task's progress; `fraction` null means "busy, share unknown". */
export function ProgressBar({
  label,
  fraction,
  valueText,
  className = "",
}: {
  label: string;
  fraction: number | null;
  valueText: string;
  className?: string;
}) {
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
      className={`h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800 ${className}`}
    >
      {percent === undefined ? (
        <div className="h-full w-1/3 animate-pulse rounded-full bg-blue-600 motion-reduce:animate-none dark:bg-blue-500" />
      ) : (
        <div
          className="h-full rounded-full bg-blue-600 transition-[width] dark:bg-blue-500"
          style={{ width: `${percent}%` }}
        />
      )}
    </div>
  );
}
