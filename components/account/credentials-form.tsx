"use client";

import { type FormEvent, useState } from "react";
import { fetchJson } from "../fetch-json";
import { input, label, primaryButton } from "./styles";

/**
 * Email and password, sent as JSON: sign-in (`/api/session`), the first admin (`/api/setup`) or an
 * invite (`/api/invites/<token>`, no email: the invite names it). Goes to `next` once signed in.
 */
export function CredentialsForm({
  endpoint,
  next,
  askEmail,
  askName = false,
  newPassword = false,
  submitLabel,
}: {
  endpoint: string;
  next: string;
  askEmail: boolean;
  askName?: boolean;
  newPassword?: boolean;
  submitLabel: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries([...form].filter(([, value]) => String(value).trim() !== ""));
    setBusy(true);
    setError(null);
    const outcome = await fetchJson(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      fallbackError: "Could not sign in",
    });
    if (outcome.ok) return window.location.assign(next);
    setBusy(false);
    setError(outcome.error);
  };

  return (
    <form onSubmit={submit} className="mt-6 space-y-4" data-testid="credentials-form">
      {askEmail && (
        <div className="space-y-1.5">
          <label className={label} htmlFor="email">
            Email
          </label>
          <input id="email" name="email" type="email" required autoComplete="email" className={input} />
        </div>
      )}
      {askName && (
        <div className="space-y-1.5">
          <label className={label} htmlFor="name">
            Name <span className="font-normal text-zinc-500">(optional)</span>
          </label>
          <input id="name" name="name" autoComplete="name" className={input} />
        </div>
      )}
      <div className="space-y-1.5">
        <label className={label} htmlFor="password">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          required
          minLength={newPassword ? 8 : undefined}
          autoComplete={newPassword ? "new-password" : "current-password"}
          data-testid="password-input"
          className={input}
        />
        {newPassword && <p className="text-xs text-zinc-500">At least 8 characters.</p>}
      </div>
      {error && (
        <p role="alert" data-testid="sign-in-error" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        data-testid="sign-in-button"
        className={`w-full ${primaryButton}`}
      >
        {submitLabel}
      </button>
    </form>
  );
}
