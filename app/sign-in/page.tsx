import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign in · DBRX Docs Chat" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  const { next = "/", error } = await searchParams;
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
        {error && (
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
