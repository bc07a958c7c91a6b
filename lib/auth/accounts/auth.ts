import "server-only";
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin, genericOAuth } from "better-auth/plugins";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { apiKeys, authAccounts, sessions, users, verifications } from "@/lib/db/schema";
import { processState } from "@/lib/process-state";
import { SESSION_DAYS } from "../session";
import { adoptLocalData, roleForNewUser, ssoRefusal } from "./joining";

export const OIDC_PROVIDER_ID = "oidc";
/** Where Better Auth's own HTTP endpoints live: only the OpenID Connect round trip uses them. */
export const AUTH_BASE_PATH = "/api/sso";
export const API_KEY_PREFIX = "dbrx_";

async function createAuth() {
  const config = env();
  const db = await getDb();
  const oidc = config.OIDC_ISSUER
    ? [
        genericOAuth({
          config: [
            {
              providerId: OIDC_PROVIDER_ID,
              discoveryUrl: new URL(
                ".well-known/openid-configuration",
                `${config.OIDC_ISSUER.replace(/\/$/, "")}/`,
              ).href,
              clientId: config.OIDC_CLIENT_ID as string,
              clientSecret: config.OIDC_CLIENT_SECRET as string,
              scopes: ["openid", "email", "profile"],
              requireIdTokenVerification: true,
            },
          ],
        }),
      ]
    : [];
  return betterAuth({
    secret: config.AUTH_SECRET,
    baseURL: config.APP_URL,
    basePath: AUTH_BASE_PATH,
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: users,
        session: sessions,
        account: authAccounts,
        verification: verifications,
        apikey: apiKeys,
      },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 256 },
    // Sliding: a session used within its 7 days is extended once a day.
    session: { expiresIn: SESSION_DAYS * 86_400, updateAge: 86_400, freshAge: 0 },
    // Sign-in is slowed per account and per address by lib/auth/sign-in-throttle.ts instead.
    rateLimit: { enabled: false },
    // Passwords are checked only through POST /api/session, which applies that slow-down.
    disabledPaths: ["/sign-in/email", "/sign-up/email"],
    // Linking to an existing account needs the identity provider to have verified the email.
    account: { accountLinking: { enabled: true } },
    advanced: { cookiePrefix: "dbrx" },
    user: {
      validateUserInfo: async ({ user, source }) => {
        if (source.method !== "oauth") return;
        // Joining needs a verified email (linking checks it itself, see accountLinking above).
        if (source.action === "create-user" && user.emailVerified !== true)
          return {
            error: "email_not_verified",
            errorDescription:
              "Your identity provider has not verified your email address, so it cannot sign you in here.",
          };
        const refusal = await ssoRefusal(db, String(user.email ?? ""));
        return refusal ? { error: "not_invited", errorDescription: refusal } : undefined;
      },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => ({
            data: { ...user, role: await roleForNewUser(db, user.email, user.role) },
          }),
          after: async (user) => {
            await adoptLocalData(db, user.id);
          },
        },
      },
    },
    plugins: [
      admin({ defaultRole: "member", adminRoles: ["admin"] }),
      apiKey({ defaultPrefix: API_KEY_PREFIX, rateLimit: { enabled: false } }),
      ...oidc,
    ],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

/** Better Auth on the app's database, made once per process (accounts mode only: AUTH_SECRET). */
export function getAuth(): Promise<Auth> {
  return processState("auth", createAuth);
}
