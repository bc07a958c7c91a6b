import "server-only";
import { createClient } from "redis";
import { createResumableStreamContext, type Publisher, type Subscriber } from "resumable-stream/generic";
import { env } from "@/lib/config/env";
import { MemoryPubSub } from "./memory-pubsub";

/**
 * Answers in progress, kept apart from the request that started them: any page (a reload, a
 * second tab) reads one from its beginning while it is written, and a stop request reaches the
 * model call wherever it runs. One instance keeps them in the process; several share them through
 * Redis (`REDIS_URL`).
 */
export type AnswerStreams = {
  /** Keeps the answer's SSE text under `streamId` while it is written (and a day after). */
  keep: (streamId: string, sse: ReadableStream<string>) => Promise<void>;
  /** The answer from its beginning, following it live; null when nothing is being written under that id. */
  resume: (streamId: string) => Promise<ReadableStream<string> | null>;
  /** Calls `stop` when a stop is asked for `streamId`, from this or any other instance; returns the unsubscribe. */
  onStop: (streamId: string, stop: () => void) => Promise<() => Promise<void>>;
  stop: (streamId: string) => Promise<void>;
};

const PREFIX = "dbrx-chat";

export function createAnswerStreams({
  publisher,
  subscriber,
  ready = Promise.resolve(),
}: {
  publisher: Publisher;
  subscriber: Subscriber;
  /** Settles once both clients are connected (resumable-stream leaves connecting given clients to us). */
  ready?: Promise<unknown>;
}) {
  const context = createResumableStreamContext({ keyPrefix: PREFIX, waitUntil: null, publisher, subscriber });
  const stopChannel = (streamId: string) => `${PREFIX}:stop:${streamId}`;
  return {
    keep: async (streamId, sse) => {
      await ready;
      const copy = await context.createNewResumableStream(streamId, () => sse);
      // The page's own copy went out with the response; this one would only fill memory unread.
      await copy?.cancel();
    },
    resume: async (streamId) => {
      await ready;
      return (await context.resumeExistingStream(streamId)) ?? null;
    },
    onStop: async (streamId, stop) => {
      await ready;
      await subscriber.subscribe(stopChannel(streamId), stop);
      return async () => {
        await subscriber.unsubscribe(stopChannel(streamId));
      };
    },
    stop: async (streamId) => {
      await ready;
      await publisher.publish(stopChannel(streamId), "stop");
    },
  } satisfies AnswerStreams;
}

function redisPair(url: string) {
  const publisher = createClient({ url });
  const subscriber = publisher.duplicate();
  for (const client of [publisher, subscriber])
    client.on("error", (error) => console.error("[answer-streams] Redis:", error.message));
  const ready = Promise.all([publisher.connect(), subscriber.connect()]);
  // A failed connection is reported by each call that awaits it, not as an unhandled rejection.
  ready.catch(() => {});
  return { publisher, subscriber, ready } as unknown as Parameters<typeof createAnswerStreams>[0];
}

const holder = globalThis as typeof globalThis & { __answerStreams?: AnswerStreams };

export function getAnswerStreams(): AnswerStreams {
  if (!holder.__answerStreams) {
    const url = env().REDIS_URL;
    const memory = new MemoryPubSub();
    holder.__answerStreams = createAnswerStreams(
      url ? redisPair(url) : { publisher: memory, subscriber: memory },
    );
  }
  return holder.__answerStreams;
}
