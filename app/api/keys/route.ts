import { z } from "zod";
import { createApiKey, listApiKeys } from "@/lib/auth/accounts/api-keys";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { handleErrors, parseJsonBody } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const createSchema = z.object({ name: z.string().trim().min(1).max(100).optional() });

/** Creates an API key with the person's own permissions: `{id, key}`, the key shown this once. */
export const POST = handleErrors("POST /api/keys", async (request: Request) => {
  requireAccountsMode();
  const person = await requirePerson(request);
  const text = await request.text();
  const { name } = text.trim()
    ? await parseJsonBody(new Request(request.url, { method: "POST", body: text }), createSchema)
    : {};
  return Response.json(await createApiKey(person.userId, name), { status: 201 });
});

/** One's keys, without their values (only the first characters, to tell them apart). */
export const GET = handleErrors("GET /api/keys", async (request: Request) => {
  requireAccountsMode();
  const person = await requirePerson(request);
  return Response.json({ keys: await listApiKeys(await getDb(), person.userId) });
});
