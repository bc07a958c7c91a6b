import { deleteApiKey } from "@/lib/auth/accounts/api-keys";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes one of one's API keys: the next request with it is refused. */
export const DELETE = handleErrors(
  "DELETE /api/keys/[id]",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    requireAccountsMode();
    const person = await requirePerson(request);
    const { id } = await params;
    if (!(await deleteApiKey(await getDb(), person.userId, id)))
      throw new AppError("not_found", "You have no API key with that id.");
    return Response.json({ revoked: id });
  },
);
