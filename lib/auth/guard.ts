// The checks every request passes at the door: the proxy runs them for the paths it matches, and a
// route the proxy skips (/api/documents, whose uploads exceed the proxy's body limit) calls
// guardRequest itself.
import { isPublicPath, sessionSecret } from "@/lib/auth/config";
import { authMode } from "@/lib/auth/mode";
import { ACCOUNT_SESSION_COOKIE, isValidSession, SESSION_COOKIE } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { AppError, toAppError } from "@/lib/errors";

const STATE_CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Answers monitoring probes, which address an instance by IP or service name, under any host. */
const HEALTH_PATH = "/api/health";

/**
 * Refuses a request that must not be served, in this order:
 * 1. on an open instance (no APP_PASSWORD), a Host outside ALLOWED_HOSTS (DNS rebinding);
 * 2. a POST, PUT, PATCH or DELETE a browser sends from another origin (cross-site request forgery);
 * 3. with APP_PASSWORD, a request for a non-public path without a valid session cookie.
 * Host means the Host header as received: X-Forwarded-Host is a plain header that any client, and a
 * rebinding page's own same-origin fetch, can set.
 */
export async function guardRequest(request: Request): Promise<void> {
  const { pathname } = new URL(request.url);
  const host = request.headers.get("host");
  const mode = authMode();
  // A locked instance is guarded by its sign-in: a rebinding page runs under its own name, so the
  // browser sends it no session cookie of this app's host.
  if (mode === "open" && pathname !== HEALTH_PATH) checkAllowedHost(host);
  checkSameOrigin(request, host);
  if (mode === "open" || isPublicPath(pathname)) return;
  if (mode === "accounts") {
    // Checked against the database by the route or page itself (lib/auth/person.ts): this door only
    // turns away requests that carry no credential at all.
    // On https Better Auth names its cookie with the __Secure- prefix.
    if (
      cookieValue(request, ACCOUNT_SESSION_COOKIE) ||
      cookieValue(request, `__Secure-${ACCOUNT_SESSION_COOKIE}`) ||
      /^Bearer\s/i.test(request.headers.get("authorization") ?? "")
    )
      return;
    throw new AppError("unauthorized", "Sign in first, or send an API key as `Authorization: Bearer <key>`.");
  }
  const secret = sessionSecret();
  if (secret && (await isValidSession(secret, cookieValue(request, SESSION_COOKIE)))) return;
  throw new AppError("unauthorized", "Sign in first: this deployment requires a password.");
}

/** The response for a request guardRequest refused: JSON for APIs, sign-in or a short text for pages. */
export function refusalResponse(request: Request, error: unknown): Response {
  const refusal = toAppError(error, "guard");
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/")) return refusal.toResponse();
  if (refusal.code === "unauthorized") {
    const signIn = new URL("/sign-in", url);
    signIn.searchParams.set("next", `${url.pathname}${url.search}`);
    return new Response(null, { status: 307, headers: { location: signIn.toString() } });
  }
  return new Response(refusal.message, {
    status: refusal.status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/** The host name of a Host header, lower-case, without port or trailing dot; null when malformed. */
function hostName(host: string | null): string | null {
  // Only a name or address and a port: "localhost@evil.example" must not parse as localhost's user.
  if (!host || !/^[^\s/\\?#@]+$/.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname.replace(/\.$/, "");
  } catch {
    return null;
  }
}

function isAllowedHost(name: string, allowed: string[]): boolean {
  return allowed.some(
    (entry) =>
      entry === "*" ||
      entry === name ||
      (entry.startsWith(".") && (name === entry.slice(1) || name.endsWith(entry))),
  );
}

function checkAllowedHost(host: string | null): void {
  const name = hostName(host);
  if (name && isAllowedHost(name, env().ALLOWED_HOSTS)) return;
  const shown = name ? `"${name}"` : "this request's host";
  throw new AppError(
    "forbidden",
    `This open instance does not answer for ${shown}. To serve it under that name, add it to ALLOWED_HOSTS (comma-separated host names), or set APP_PASSWORD.`,
  );
}

/**
 * Sec-Fetch-Site decides when present: browsers set it and pages cannot, and it stays right behind a
 * proxy that rewrites Host. "none" passes: it marks a request the person started themselves (address
 * bar, bookmark), never one another site caused. Browsers without it (before 2023) send Origin,
 * whose host and port must then be the Host's. Clients that send neither (curl, scripts) are not
 * browsers that a page could drive, and pass.
 */
function checkSameOrigin(request: Request, host: string | null): void {
  if (!STATE_CHANGING_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin" || site === "none") return;
    throw crossSite();
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  if (!host || !sameHost(origin, host)) throw crossSite();
}

function sameHost(origin: string, host: string): boolean {
  try {
    const originUrl = new URL(origin);
    // Parsed with the origin's scheme so that a default port written out ("example.com:443") still matches.
    return originUrl.host === new URL(`${originUrl.protocol}//${host}`).host;
  } catch {
    // "null" (sandboxed frames, privacy-sensitive redirects) or a malformed value.
    return false;
  }
}

function crossSite(): AppError {
  return new AppError("forbidden", "Refused: this request came from another site. Use the app's own pages.");
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const pair of request.headers.get("cookie")?.split(";") ?? []) {
    const separator = pair.indexOf("=");
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
