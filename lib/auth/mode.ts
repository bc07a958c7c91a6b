import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";

/**
 * How people get in: "accounts" (AUTH_SECRET: each person signs in, sees their own and shared
 * collections), "password" (APP_PASSWORD: one password, one shared space) or "open" (neither: only
 * for localhost and the host names in ALLOWED_HOSTS).
 */
export type AuthMode = "accounts" | "password" | "open";

export function authMode(): AuthMode {
  const config = env();
  if (config.AUTH_SECRET) return "accounts";
  return config.APP_PASSWORD ? "password" : "open";
}

/** Refuses a request for an accounts-only route (sessions, invites, keys) in the other modes. */
export function requireAccountsMode(): void {
  if (authMode() !== "accounts")
    throw new AppError("not_found", "Accounts are off on this deployment: set AUTH_SECRET to turn them on.");
}
