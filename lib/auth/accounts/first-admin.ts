import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getAuth } from "./auth";
import { userCount } from "./joining";

let settingUp: Promise<unknown> = Promise.resolve();

export async function hasAccounts(): Promise<boolean> {
  return (await userCount(await getDb())) > 0;
}

/**
 * Creates the first account, the admin, on a deployment that has none; a 409 once one exists.
 * One at a time in this process, so two people racing to set up cannot both become admin.
 */
export function createFirstAdmin(input: { email: string; password: string; name?: string }): Promise<string> {
  const run = settingUp.then(async () => {
    if (await hasAccounts())
      throw new AppError("conflict", "This deployment already has an admin: sign in instead.");
    const auth = await getAuth();
    const { user } = await auth.api.createUser({
      body: {
        email: input.email,
        password: input.password,
        name: input.name || input.email.split("@")[0],
        data: { emailVerified: true },
      },
    });
    // Another instance (or single sign-on) took the first-admin claim a moment before.
    if (user.role !== "admin") {
      await (await getDb()).delete(users).where(eq(users.id, user.id));
      throw new AppError(
        "conflict",
        "Someone else is setting up this deployment right now: sign in once they have.",
      );
    }
    return user.id;
  });
  settingUp = run.catch(() => {});
  return run;
}

/** ADMIN_EMAIL and ADMIN_PASSWORD make the admin at start-up when no account exists. */
export async function createConfiguredAdmin(config: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string }) {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD || (await hasAccounts())) return false;
  await createFirstAdmin({ email: config.ADMIN_EMAIL.toLowerCase(), password: config.ADMIN_PASSWORD });
  return true;
}
