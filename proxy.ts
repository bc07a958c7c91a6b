import { type NextRequest, NextResponse } from "next/server";
import { isPublicPath, sessionSecret } from "@/lib/auth/config";
import { isValidSession, SESSION_COOKIE } from "@/lib/auth/session";

/** With APP_PASSWORD set, every page and API except the public ones needs a signed session cookie. */
export async function proxy(request: NextRequest) {
  const secret = sessionSecret();
  const { pathname, search } = request.nextUrl;
  if (!secret || isPublicPath(pathname)) return NextResponse.next();
  if (await isValidSession(secret, request.cookies.get(SESSION_COOKIE)?.value)) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json(
      { error: "Sign in first: this deployment requires a password.", code: "unauthorized" },
      { status: 401 },
    );
  }
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
