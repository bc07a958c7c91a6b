import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requireAdmin } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { createGroup, listGroups } from "@/lib/db/collections";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const createSchema = z.object({
  name: z.string().trim().min(1, "Name the group.").max(100),
  memberIds: z.array(z.string().min(1).max(200)).max(10_000).default([]),
});

/** The groups, with their members' account ids (admins). */
export const GET = handleErrors("GET /api/groups", async (request: Request) => {
  requireAccountsMode();
  await requireAdmin(request);
  return Response.json({ groups: await listGroups(await getDb()) });
});

/** `{name, memberIds}` makes a group; share a collection with it as `"group:<id>"` in readers or adders. */
export const POST = handleErrors("POST /api/groups", async (request: Request) => {
  requireAccountsMode();
  await requireAdmin(request);
  const { name, memberIds } = await parseJsonBody(request, createSchema);
  const db = await getDb();
  const unique = [...new Set(memberIds)];
  const known =
    unique.length > 0 ? await db.select({ id: users.id }).from(users).where(inArray(users.id, unique)) : [];
  if (known.length !== unique.length)
    throw new AppError("bad_request", "Some member ids are not accounts here.");
  return Response.json(
    { group: await createGroup(db, { id: randomUUID(), name, memberIds: unique }) },
    { status: 201 },
  );
});
