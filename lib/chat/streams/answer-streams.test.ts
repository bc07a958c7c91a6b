import { createClient } from "redis";
import type { Publisher, Subscriber } from "resumable-stream/generic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRedisServer, startRedis } from "@/lib/test/redis";
import { type AnswerStreams, createAnswerStreams } from "./answer-streams";
import { MemoryPubSub } from "./memory-pubsub";

/** An answer written piece by piece, each piece released by the test. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<string>;
  const stream = new ReadableStream<string>({
    start: (started) => {
      controller = started;
    },
  });
  return { stream, write: (text: string) => controller.enqueue(text), end: () => controller.close() };
}

async function readAll(stream: ReadableStream<string>): Promise<string> {
  const reader = stream.getReader();
  let text = "";
  for (let read = await reader.read(); !read.done; read = await reader.read()) text += read.value;
  return text;
}

/** The same contract, whatever keeps the answers: `instances` share one store (a process, or a Redis server). */
function contract(label: string, instances: () => Promise<[AnswerStreams, AnswerStreams]>) {
  describe(label, () => {
    it("lets another instance read an answer being written, from its start, until it ends", async () => {
      const [writer, reader] = await instances();
      const answer = controlledStream();
      const id = crypto.randomUUID();
      await writer.keep(id, answer.stream);
      answer.write("data: one\n\n");
      const resumed = await reader.resume(id);
      expect(resumed).not.toBeNull();
      const text = readAll(resumed as ReadableStream<string>);
      answer.write("data: two\n\n");
      answer.end();
      expect(await text).toBe("data: one\n\ndata: two\n\n");
      // Ended: nothing to resume, the saved chat has it.
      expect(await reader.resume(id)).toBeNull();
      expect(await reader.resume(crypto.randomUUID())).toBeNull();
    });

    it("carries a stop asked on one instance to the instance writing the answer", async () => {
      const [writer, other] = await instances();
      const id = crypto.randomUUID();
      const stopped = new Promise<string>((resolve) => {
        void writer.onStop(id, () => resolve("stopped")).then(() => other.stop(id));
      });
      expect(await stopped).toBe("stopped");
    });
  });
}

contract("answer streams in one process", async () => {
  const memory = new MemoryPubSub();
  const streams = createAnswerStreams({ publisher: memory, subscriber: memory });
  return [streams, streams];
});

describe.skipIf(!hasRedisServer)("answer streams shared through Redis (Debian's redis-server)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const clients: { quit: () => Promise<unknown> }[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit().catch(() => {})));
    await redis?.stop();
  });
  // Two app instances: each has its own pair of connections, as two servers would.
  const instance = async () => {
    const publisher = createClient({ url: redis.url });
    const subscriber = publisher.duplicate();
    clients.push(publisher, subscriber);
    const ready = Promise.all([publisher.connect(), subscriber.connect()]);
    return createAnswerStreams({
      publisher: publisher as unknown as Publisher,
      subscriber: subscriber as unknown as Subscriber,
      ready,
    });
  };
  contract("two instances", async () => [await instance(), await instance()]);
});
