import { env } from "@/lib/config/env";

/** The session signing secret, or null when sign-in is off (no APP_PASSWORD). */
export function sessionSecret(): string | null {
  const { APP_PASSWORD, SESSION_SECRET } = env();
  if (!APP_PASSWORD) return null;
  return SESSION_SECRET ?? APP_PASSWORD;
}

/** Paths anyone may open when sign-in is on. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/sign-in" ||
    pathname === "/api/auth/sign-in" ||
    pathname === "/api/health" ||
    pathname.startsWith("/share/") ||
    pathname.startsWith("/_next/") ||
    pathname === "/icon.svg" ||
    pathname === "/favicon.ico"
  );
}
