import { env } from "@/lib/config/env";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { retrieve } from "@/lib/rag/retrieve";
import type { RetrieveResultJson } from "@/lib/rag/types";
import { enforceRateLimit } from "@/lib/rate-limit";
import { retrieveSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handleErrors("POST /api/retrieve", async (request: Request) => {
  await enforceRateLimit(request, { action: "search", perMinute: env().RATE_LIMIT_SEARCH_PER_MINUTE });
  const { query, k, documentIds } = await parseJsonBody(request, retrieveSchema);
  const chunks = await retrieve({ query, topK: k, documentIds });
  const results: RetrieveResultJson[] = chunks.map(({ id: _id, ...result }) => result);
  return Response.json({ results });
});
