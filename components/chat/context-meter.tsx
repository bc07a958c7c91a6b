import type { ContextUsage, TokenUsage } from "@/lib/chat/types";
import { plural } from "../format";

// A fixed locale, so that the server's and the browser's renderings agree.
const integer = new Intl.NumberFormat("en-US");

function usageText(context: ContextUsage, usage: TokenUsage | undefined): string {
  const parts = [
    `Context: ${integer.format(context.promptTokens)} / ${integer.format(context.windowTokens)} tokens`,
    plural(context.passages, "passage"),
    plural(context.historyMessages, "earlier message"),
  ];
  if (context.droppedHistoryMessages > 0) {
    parts.push(`${plural(context.droppedHistoryMessages, "older message")} left out`);
  }
  if (usage?.outputTokens != null) parts.push(`answer ${plural(usage.outputTokens, "token")}`);
  return parts.join(" · ");
}

/** How much of the model's context window the last turn used, with what was in it. */
export function ContextMeter({
  context,
  usage,
  windowTokens,
}: {
  context?: ContextUsage;
  usage?: TokenUsage;
  windowTokens: number;
}) {
  const prompt = context ? Math.min(1, context.promptTokens / context.windowTokens) : 0;
  const reserved = context ? Math.min(1 - prompt, context.maxOutputTokens / context.windowTokens) : 0;
  return (
    <div
      className="flex min-w-0 items-center gap-2"
      title={
        context
          ? `The prompt used ${integer.format(context.promptTokens)} tokens (cl100k_base); ${integer.format(context.maxOutputTokens)} are kept for the answer.${usage?.inputTokens != null ? ` The model reported ${integer.format(usage.inputTokens)} prompt tokens.` : ""}`
          : undefined
      }
    >
      <div
        aria-hidden="true"
        className="flex h-1.5 w-16 shrink-0 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-blue-600 dark:bg-blue-500" style={{ width: `${prompt * 100}%` }} />
        <div className="h-full bg-blue-300 dark:bg-blue-900" style={{ width: `${reserved * 100}%` }} />
      </div>
      <p
        data-testid="context-usage"
        className="min-w-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
      >
        {context ? usageText(context, usage) : `Context window: ${integer.format(windowTokens)} tokens`}
      </p>
    </div>
  );
}
