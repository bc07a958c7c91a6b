import { env } from "@/lib/config/env";
import { authMode } from "./mode";

/** The one-password mode's cookie signing secret, or null in the other modes. */
export function sessionSecret(): string | null {
  const { APP_PASSWORD, SESSION_SECRET } = env();
  if (authMode() !== "password" || !APP_PASSWORD) return null;
  return SESSION_SECRET ?? APP_PASSWORD;
}

const THIS_APP = "http://this-app.invalid";

/**
 * Where to go after signing in: a path of this app, or "/". Parsed as a browser would, so that a
 * backslash or a tab after the first slash (browsers read both as "//evil.example") cannot lead away.
 */
export function safeRedirectPath(next: string | undefined): string {
  if (!next) return "/";
  try {
    const url = new URL(next, THIS_APP);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Dot segments can leave "//evil.example" as the path: a browser would read that as another host.
    return url.origin === THIS_APP && !/^\/[/\\]/.test(path) ? path : "/";
  } catch {
    return "/";
  }
}

/** Where an accounts deployment's sign-in, first set-up, invites and single sign-on happen. */
const ACCOUNT_ENTRY_PATHS = [
  /^\/api\/session$/,
  /^\/api\/setup$/,
  /^\/invite\/[^/]+$/,
  /^\/api\/invites\/[^/]+$/,
  /^\/api\/sso\/(sign-in\/social|callback\/oidc)$/,
];

/** Paths anyone may open when sign-in is on. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/sign-in" ||
    pathname === "/api/auth/sign-in" ||
    (authMode() === "accounts" && ACCOUNT_ENTRY_PATHS.some((path) => path.test(pathname))) ||
    pathname === "/api/health" ||
    pathname.startsWith("/share/") ||
    pathname.startsWith("/_next/") ||
    pathname === "/icon.svg" ||
    pathname === "/favicon.ico"
  );
}
