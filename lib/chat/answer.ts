import "server-only";
import { getChatModel } from "@/lib/ai/providers";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { findDocument } from "@/lib/db/documents";
import { type AnswerRequest, answerStream } from "./respond";
import type { ChatTask } from "./types";
import { wholeAnswerStream } from "./whole-answer";

/** Of the window, the share a chosen scope may take to be read whole rather than searched. */
const WHOLE_SCOPE_SHARE = 0.6;

/**
 * A question about documents the person chose, whose whole text fits comfortably in the model's
 * window, is answered from all of it: top-k passages would only leave parts out. Counted from
 * the chunk counts (each at most CHUNK_TOKENS), so deciding costs no read of the text.
 */
async function fitsWhole(documentIds: string[]): Promise<boolean> {
  const { info } = getChatModel();
  if (info.offline) return false;
  const db = await getDb();
  const rows = await Promise.all(documentIds.map((id) => findDocument(db, id)));
  const chunks = rows.reduce((sum, row) => sum + (row?.status === "ready" ? row.chunks : 0), 0);
  return chunks > 0 && chunks * env().CHUNK_TOKENS <= info.contextTokens * WHOLE_SCOPE_SHARE;
}

/** A turn's answer: from retrieved passages, or, for a task, from the whole text of the scope. */
export async function chatAnswerStream({ task, ...request }: AnswerRequest & { task?: ChatTask }) {
  const whole =
    task ??
    (request.useDocuments && request.documentIds?.length && (await fitsWhole(request.documentIds))
      ? "whole-document"
      : undefined);
  return whole ? wholeAnswerStream({ ...request, task: whole }) : answerStream(request);
}
