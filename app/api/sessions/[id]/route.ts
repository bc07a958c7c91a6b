import { revokeSession, sessionOwner } from "@/lib/auth/accounts/sessions";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Ends one session (its owner's or, for an admin, anyone's): the browser holding it is signed out. */
export const DELETE = handleErrors(
  "DELETE /api/sessions/[id]",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    requireAccountsMode();
    const person = await requirePerson(request);
    const { id } = await params;
    const db = await getDb();
    const owner = await sessionOwner(db, id);
    // Someone else's session is "not found" to a member, as one that does not exist.
    if (!owner || (owner !== person.userId && !person.isAdmin))
      throw new AppError("not_found", "There is no such session.");
    await revokeSession(db, id);
    return Response.json({ revoked: id });
  },
);
