"use client";

import { type FormEvent, useState } from "react";
import { input, secondaryButton } from "./styles";
import { sendJson } from "./use-api-list";

/** Deletes one's account with its private documents and chats, once its email is typed to confirm. */
export function DeleteAccountSection({ userId, email }: { userId: string; email: string }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const confirm = String(new FormData(event.currentTarget).get("confirm") ?? "");
    const outcome = await sendJson(`/api/accounts/${encodeURIComponent(userId)}`, "DELETE", { confirm });
    if (!outcome.ok) return setError(outcome.error);
    window.location.assign("/sign-in");
  };
  return (
    <section aria-labelledby="delete-title" className="space-y-3">
      <h2 id="delete-title" className="font-semibold text-lg">
        Delete your account
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This deletes your private documents, your chats (and their share links), your sessions and your API
        keys. Shared collections stay. Type <strong>{email}</strong> to confirm.
      </p>
      <form onSubmit={submit} className="flex gap-2">
        <label htmlFor="confirm-email" className="sr-only">
          Your email
        </label>
        <input id="confirm-email" name="confirm" autoComplete="off" className={input} />
        <button type="submit" className={`shrink-0 ${secondaryButton} text-red-700 dark:text-red-400`}>
          Delete my account
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </section>
  );
}
