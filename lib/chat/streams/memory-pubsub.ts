import { EventEmitter } from "node:events";
import { LRUCache } from "lru-cache";
import type { Publisher, Subscriber } from "resumable-stream/generic";

/**
 * The few Redis commands resumable-stream uses, inside one process: for a single instance, where
 * a Redis server would be one more thing to run. Messages are delivered on a later turn of the
 * event loop, as a Redis server delivers them, so no publisher runs its subscribers' code inline.
 */
export class MemoryPubSub implements Publisher, Subscriber {
  private readonly channels = new EventEmitter().setMaxListeners(0);
  // Bounded: a stream's keys expire after a day in Redis; here the oldest go first as well.
  private readonly values = new LRUCache<string, string>({ max: 20_000, ttlAutopurge: false });

  async connect() {}

  async publish(channel: string, message: string) {
    const listeners = this.channels.listenerCount(channel);
    setImmediate(() => this.channels.emit(channel, message));
    return listeners;
  }

  async subscribe(channel: string, callback: (message: string) => void) {
    this.channels.on(channel, callback);
  }

  async unsubscribe(channel: string) {
    this.channels.removeAllListeners(channel);
  }

  async set(key: string, value: string, options?: { EX?: number }) {
    this.values.set(key, value, options?.EX ? { ttl: options.EX * 1000 } : undefined);
    return "OK";
  }

  async get(key: string) {
    return this.values.get(key) ?? null;
  }

  async incr(key: string) {
    const next = Number(this.values.get(key) ?? 0) + 1;
    if (!Number.isInteger(next)) throw new Error("ERR value is not an integer or out of range");
    const ttl = this.values.getRemainingTTL(key);
    this.values.set(key, String(next), Number.isFinite(ttl) && ttl > 0 ? { ttl } : undefined);
    return next;
  }
}
