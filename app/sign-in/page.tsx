import type { Metadata } from "next";
import { CredentialsForm } from "@/components/account/credentials-form";
import { SsoButton } from "@/components/account/sso-button";
import { hasAccounts } from "@/lib/auth/accounts/first-admin";
import { safeRedirectPath } from "@/lib/auth/config";
import { authMode } from "@/lib/auth/mode";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Sign in · DBRX Docs Chat" };
export const dynamic = "force-dynamic";

/** Why single sign-on sent the person back, in words (Better Auth's `?error=` codes). */
function ssoError(code: string | undefined, description: string | undefined): string | null {
  if (!code || code === "1") return null;
  if (description) return description;
  return code === "account_not_linked"
    ? "That identity matches an account that is not linked to single sign-on. Sign in with its password."
    : "Single sign-on did not complete. Try again, or ask an admin.";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string; error_description?: string }>;
}) {
  const query = await searchParams;
  const next = safeRedirectPath(query.next);
  const mode = authMode();
  if (mode === "accounts") {
    const config = env();
    const firstRun = !(await hasAccounts());
    const refused = ssoError(query.error, query.error_description);
    return (
      <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4">
        <h1 className="font-semibold text-2xl tracking-tight">
          {firstRun ? "Create the admin account" : "Sign in"}
        </h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {firstRun
            ? "This deployment has no accounts yet. The first account is its admin, who invites everyone else."
            : "Sign in to your DBRX Docs Chat account. New here? Ask an admin for an invite."}
        </p>
        {refused && (
          <p role="alert" data-testid="sso-error" className="mt-4 text-sm text-red-600 dark:text-red-400">
            {refused}
          </p>
        )}
        <CredentialsForm
          endpoint={firstRun ? "/api/setup" : "/api/session"}
          next={next}
          askEmail
          askName={firstRun}
          newPassword={firstRun}
          submitLabel={firstRun ? "Create the admin account" : "Sign in"}
        />
        {config.OIDC_ISSUER && <SsoButton name={config.OIDC_NAME} next={next} />}
      </main>
    );
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4">
      <h1 className="font-semibold text-2xl tracking-tight">Sign in</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        This deployment of DBRX Docs Chat is password protected.
      </p>
      <form method="post" action="/api/auth/sign-in" className="mt-6 space-y-4">
        <input type="hidden" name="next" value={next} />
        <label className="block text-sm font-medium" htmlFor="password">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          data-testid="password-input"
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {query.error && (
          <p role="alert" data-testid="sign-in-error" className="text-sm text-red-600 dark:text-red-400">
            Wrong password. Try again.
          </p>
        )}
        <button
          type="submit"
          data-testid="sign-in-button"
          className="w-full rounded-md bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
