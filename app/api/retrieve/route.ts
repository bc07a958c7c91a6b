import { readableScope } from "@/lib/auth/access";
import { requirePerson } from "@/lib/auth/person";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { configuredRerank } from "@/lib/rag/rerank";
import { retrieve } from "@/lib/rag/retrieve";
import type { RetrieveResponseJson } from "@/lib/rag/types";
import { enforceRateLimit } from "@/lib/rate-limit";
import { Timings } from "@/lib/timings";
import { retrieveSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handleErrors("POST /api/retrieve", async (request: Request) => {
  const timings = new Timings();
  const started = performance.now();
  await timings.measure("ratelimit", () =>
    enforceRateLimit(request, { action: "search", perMinute: env().RATE_LIMIT_SEARCH_PER_MINUTE }),
  );
  const { query, k, documentIds, exact, rerank } = await parseJsonBody(request, retrieveSchema);
  const person = await requirePerson(request);
  // The indexes search only what the person may read (filtered inside each search, not after).
  const scope = await timings.measure("access", async () =>
    readableScope(await getDb(), person, documentIds),
  );
  const retrieval = await retrieve({
    query,
    topK: k,
    documentIds: scope,
    exact,
    rerank: rerank === false ? null : (configuredRerank() ?? (rerank ? "lexical" : null)),
    timings,
  });
  const body: RetrieveResponseJson = {
    results: retrieval.chunks.map(({ id: _id, ...result }) => result),
    search: retrieval.search,
    methods: retrieval.methods,
    reranked: retrieval.reranked,
  };
  timings.add("total", performance.now() - started);
  return Response.json(body, { headers: { "Server-Timing": timings.header() } });
});
