import { eq } from "drizzle-orm";
import { z } from "zod";
import { deleteAccount, setDisabled } from "@/lib/auth/accounts/manage";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requireAdmin, requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const updateSchema = z.object({ disabled: z.boolean() });
const deleteSchema = z.object({ confirm: z.string() });

/** An admin disables `{disabled: true}` (its sessions end at once) or enables an account. */
export const PATCH = handleErrors(
  "PATCH /api/accounts/[id]",
  async (request: Request, { params }: Context) => {
    requireAccountsMode();
    const admin = await requireAdmin(request);
    const { id } = await params;
    const { disabled } = await parseJsonBody(request, updateSchema);
    if (id === admin.userId && disabled)
      throw new AppError("conflict", "You cannot disable your own account.");
    return Response.json({ account: await setDisabled(await getDb(), id, disabled) });
  },
);

/**
 * Deletes an account (one's own, or any for an admin) with its private collections and chats. The
 * body confirms it: `{confirm: "<the account's email>"}`.
 */
export const DELETE = handleErrors(
  "DELETE /api/accounts/[id]",
  async (request: Request, { params }: Context) => {
    requireAccountsMode();
    const person = await requirePerson(request);
    const { id } = await params;
    if (id !== person.userId && !person.isAdmin) throw new AppError("not_found", "There is no such account.");
    const db = await getDb();
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, id));
    if (!user) throw new AppError("not_found", "There is no such account.");
    const { confirm } = await parseJsonBody(request, deleteSchema);
    if (confirm.trim().toLowerCase() !== user.email)
      throw new AppError(
        "bad_request",
        `To delete this account, confirm with its email address (${user.email}).`,
      );
    await deleteAccount(db, id);
    return Response.json({ deleted: id });
  },
);
