/**
 * Where a request's time went, phase by phase, for the Server-Timing response header (read by
 * browsers' network panels and by `npm run bench`). Written here rather than taken from a package:
 * the npm ones are Express middleware or unmaintained, and the header is `name;dur=ms` joined by commas.
 */
export class Timings {
  private readonly phases = new Map<string, number>();

  /** Runs `work`, adding its duration to `phase` (a token: letters, digits, "-" and "_"). */
  async measure<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  add(phase: string, milliseconds: number) {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + milliseconds);
  }

  /** The phases in milliseconds, rounded to 0.01. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.phases].map(([phase, ms]) => [phase, Math.round(ms * 100) / 100]));
  }

  header(): string {
    return [...this.phases].map(([phase, ms]) => `${phase};dur=${ms.toFixed(2)}`).join(", ");
  }
}

/** The phases of a Server-Timing header, in milliseconds. */
export function parseServerTiming(header: string | null): Map<string, number> {
  const phases = new Map<string, number>();
  for (const entry of header?.split(",") ?? []) {
    const [name, ...parameters] = entry.trim().split(";");
    const duration = parameters.find((parameter) => parameter.trim().startsWith("dur="));
    if (name && duration) phases.set(name, Number(duration.trim().slice(4)));
  }
  return phases;
}
