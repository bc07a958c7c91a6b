import { listAccounts } from "@/lib/auth/accounts/manage";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requireAdmin } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every account, for an admin. */
export const GET = handleErrors("GET /api/accounts", async (request: Request) => {
  requireAccountsMode();
  await requireAdmin(request);
  return Response.json({ accounts: await listAccounts(await getDb()) });
});
