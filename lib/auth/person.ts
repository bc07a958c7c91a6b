import "server-only";
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { LOCAL_OWNER, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getAuth } from "./accounts/auth";
import { authMode } from "./mode";

/** Who is asking: a signed-in account, or the one local owner when there are no accounts. */
export type Person = {
  userId: string;
  isAdmin: boolean;
  email: string | null;
  name: string | null;
  /** The session behind the request: a browser session's id, null for an API key or no accounts. */
  sessionId: string | null;
};

/** Everyone is this person in the open and one-password modes: one space, as before accounts. */
export const LOCAL_PERSON: Person = {
  userId: LOCAL_OWNER,
  isAdmin: true,
  email: null,
  name: null,
  sessionId: null,
};

function bearerKey(headers: Headers): string | null {
  const match = headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

/**
 * The person behind a request (its headers), or null when it carries no valid session cookie or
 * API key, or the account is disabled. The proxy has already let it through; this is the check.
 */
export async function personFrom(headers: Headers): Promise<Person | null> {
  if (authMode() !== "accounts") return LOCAL_PERSON;
  const auth = await getAuth();
  const key = bearerKey(headers);
  let userId: string;
  let sessionId: string | null = null;
  if (key) {
    // A malformed key is refused like a wrong one.
    const verified = await auth.api.verifyApiKey({ body: { key } }).catch((error) => {
      if (error instanceof APIError) return null;
      throw error;
    });
    if (!verified?.valid || !verified.key) return null;
    userId = verified.key.referenceId;
  } else {
    const session = await auth.api.getSession({ headers });
    if (!session) return null;
    userId = session.user.id;
    sessionId = session.session.id;
  }
  const [user] = await (await getDb()).select().from(users).where(eq(users.id, userId));
  if (!user || user.banned) return null;
  return { userId, isAdmin: user.role === "admin", email: user.email, name: user.name, sessionId };
}

/** The person behind a request; a 401 when there is none. */
export async function requirePerson(request: Request): Promise<Person> {
  const person = await personFrom(request.headers);
  if (!person)
    throw new AppError("unauthorized", "Sign in first, or send an API key as `Authorization: Bearer <key>`.");
  return person;
}

export async function requireAdmin(request: Request): Promise<Person> {
  const person = await requirePerson(request);
  if (!person.isAdmin) throw new AppError("forbidden", "Only an admin can do this.");
  return person;
}
