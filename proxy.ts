import { type NextRequest, NextResponse } from "next/server";
import { guardRequest, refusalResponse } from "@/lib/auth/guard";

/** Every matched request passes lib/auth/guard: allowed host, same origin for writes, session with APP_PASSWORD. */
export async function proxy(request: NextRequest) {
  try {
    await guardRequest(request);
  } catch (error) {
    return refusalResponse(request, error);
  }
  return NextResponse.next();
}

// Not /api/documents itself: the proxy would cut upload bodies at 10 MB (proxyClientMaxBodySize), so
// that route calls guardRequest on its own. /api/documents/<id> stays matched.
export const config = { matcher: ["/((?!_next/static|_next/image|api/documents$).*)"] };
