import { randomUUID } from "node:crypto";
import { z } from "zod";
import { collectionsOf } from "@/lib/auth/access";
import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { createCollection } from "@/lib/db/collections";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const principal = z.union([z.literal("everyone"), z.string().min(1).max(200)]);
const createSchema = z.object({
  name: z.string().trim().min(1, "Name the collection.").max(100),
  shared: z.boolean().default(false),
  /** Who may read a shared collection: "everyone" (the default) or account ids. */
  readers: z.array(principal).max(1000).default(["everyone"]),
  /** Who may add to it besides admins: "everyone" or account ids (none by default). */
  adders: z.array(principal).max(1000).default([]),
});

/** The collections the person may read, with whether they may add to each. */
export const GET = handleErrors("GET /api/collections", async (request: Request) => {
  const person = await requirePerson(request);
  const collections = await collectionsOf(await getDb(), person);
  return Response.json({
    collections: collections.map(({ collection, canAdd }) => ({
      id: collection.id,
      name: collection.name,
      shared: collection.shared,
      canAdd,
    })),
  });
});

/** `{name, shared}`: a private collection of one's own, or (admins) a shared one with `readers` and `adders`. */
export const POST = handleErrors("POST /api/collections", async (request: Request) => {
  const person = await requirePerson(request);
  const input = await parseJsonBody(request, createSchema);
  if (input.shared && !person.isAdmin)
    throw new AppError("forbidden", "Only an admin can make a shared collection.");
  const collection = await createCollection(await getDb(), {
    id: randomUUID(),
    name: input.name,
    ownerId: person.userId,
    shared: input.shared,
    readers: input.shared ? input.readers : [],
    adders: input.shared ? input.adders : [],
  });
  return Response.json(
    { collection: { id: collection.id, name: collection.name, shared: collection.shared, canAdd: true } },
    { status: 201 },
  );
});
