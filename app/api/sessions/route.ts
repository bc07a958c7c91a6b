import { z } from "zod";
import { listSessions } from "@/lib/auth/accounts/sessions";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors, parseQuery } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ userId: z.string().min(1).max(200).optional() });

/** One's own sessions; an admin may ask for another account's (`?userId=`). */
export const GET = handleErrors("GET /api/sessions", async (request: Request) => {
  requireAccountsMode();
  const person = await requirePerson(request);
  const { userId = person.userId } = parseQuery(request, querySchema);
  if (userId !== person.userId && !person.isAdmin)
    throw new AppError("forbidden", "Only an admin can see another account's sessions.");
  return Response.json({ sessions: await listSessions(await getDb(), userId, person.sessionId) });
});
