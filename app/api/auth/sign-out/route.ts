import { SESSION_COOKIE } from "@/lib/auth/session";

export const runtime = "nodejs";

export function POST(request: Request) {
  return new Response(null, {
    status: 303,
    headers: {
      location: new URL("/sign-in", request.url).toString(),
      "set-cookie": `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    },
  });
}
