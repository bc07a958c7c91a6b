import { SESSION_COOKIE } from "@/lib/auth/session";

export const runtime = "nodejs";

export function POST() {
  return new Response(null, {
    status: 303,
    headers: {
      // Relative, as in sign-in: request.url may name the listening address rather than the site.
      location: "/sign-in",
      "set-cookie": `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    },
  });
}
