import { handleErrors, parseJsonBody } from "@/lib/http";
import { retrieve } from "@/lib/rag/retrieve";
import { retrieveSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handleErrors("POST /api/retrieve", async (request: Request) => {
  const { query, k, documentIds } = await parseJsonBody(request, retrieveSchema);
  const chunks = await retrieve({ query, topK: k, documentIds });
  return Response.json({
    results: chunks.map(({ documentId, documentName, page, pageEnd, chunkIndex, text, score }) => ({
      documentId,
      documentName,
      page,
      pageEnd,
      chunkIndex,
      text,
      score,
    })),
  });
});
