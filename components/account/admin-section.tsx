"use client";

import { type FormEvent, useState } from "react";
import type { AccountJson } from "@/lib/auth/accounts/manage";
import { CopyButton } from "../chat/copy-button";
import { input, label, secondaryButton } from "./styles";
import { sendJson, useApiList } from "./use-api-list";

type Invite = { url: string; email: string; reset: boolean };

/** An admin's tools: invite people (or reset a password by a new invite), disable accounts, share collections. */
export function AdminSection({ selfId }: { selfId: string }) {
  const { items: accounts, error, setError, reload } = useApiList<AccountJson>("/api/accounts", "accounts");
  const [invite, setInvite] = useState<Invite | null>(null);
  const [shared, setShared] = useState<string | null>(null);

  const issue = async (email: string, role: string) => {
    const outcome = await sendJson<Invite>("/api/invites", "POST", { email, role });
    if (!outcome.ok) return setError(outcome.error);
    setInvite(outcome.body);
  };
  const onInvite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await issue(String(form.get("email")), String(form.get("role")));
  };
  const setDisabled = async (id: string, disabled: boolean) => {
    const outcome = await sendJson(`/api/accounts/${encodeURIComponent(id)}`, "PATCH", { disabled });
    if (!outcome.ok) return setError(outcome.error);
    await reload();
  };
  const onShare = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const outcome = await sendJson<{ collection: { name: string } }>("/api/collections", "POST", {
      name: String(form.get("name")),
      shared: true,
      readers: ["everyone"],
      adders: form.get("everyoneAdds") ? ["everyone"] : [],
    });
    if (!outcome.ok) return setError(outcome.error);
    setShared(outcome.body.collection.name);
    element.reset();
  };

  return (
    <section aria-labelledby="admin-title" className="space-y-6">
      <h2 id="admin-title" className="font-semibold text-lg">
        Admin
      </h2>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
      <form onSubmit={onInvite} className="space-y-2" aria-label="Invite someone">
        <h3 className="font-medium">Invite someone</h3>
        <div className="flex flex-wrap gap-2">
          <label htmlFor="invite-email" className="sr-only">
            Email
          </label>
          <input
            id="invite-email"
            name="email"
            type="email"
            required
            placeholder="name@example.com"
            className={`${input} flex-1`}
          />
          <label htmlFor="invite-role" className="sr-only">
            Role
          </label>
          <select id="invite-role" name="role" className={`${input} w-auto`}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
          <button type="submit" data-testid="invite-button" className={secondaryButton}>
            Make an invite link
          </button>
        </div>
      </form>
      {invite && (
        <div
          role="status"
          className="rounded-md bg-blue-50 p-3 text-sm ring-1 ring-blue-200 dark:bg-blue-950 dark:ring-blue-900"
        >
          <p>
            {invite.reset ? "Password reset link" : "Invite link"} for {invite.email}, valid once for 7 days:
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="invite-url" className="min-w-0 flex-1 break-all">
              {invite.url}
            </code>
            <CopyButton text={invite.url} />
          </div>
        </div>
      )}

      <div className="space-y-2">
        <h3 className="font-medium">Accounts</h3>
        <ul className="divide-y divide-zinc-200 rounded-md ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
          {accounts?.map((account) => (
            <li
              key={account.id}
              data-testid="account-row"
              data-email={account.email}
              className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium">{account.email}</p>
                <p className="text-xs text-zinc-500">
                  {account.role}
                  {account.disabled ? " · disabled" : ""}
                </p>
              </div>
              <button
                type="button"
                onClick={() => issue(account.email, account.role)}
                className={secondaryButton}
              >
                Reset password
              </button>
              {account.id !== selfId && (
                <button
                  type="button"
                  data-testid="toggle-account"
                  onClick={() => setDisabled(account.id, !account.disabled)}
                  className={secondaryButton}
                >
                  {account.disabled ? "Enable" : "Disable"}
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>

      <form onSubmit={onShare} className="space-y-2" aria-label="Share a collection">
        <h3 className="font-medium">Shared collection</h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Everyone can read it; admins, and everyone if ticked, can add to it.
        </p>
        <label htmlFor="collection-name" className={label}>
          Name
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <input id="collection-name" name="name" required maxLength={100} className={`${input} flex-1`} />
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" name="everyoneAdds" /> Everyone may add
          </label>
          <button type="submit" data-testid="create-collection" className={secondaryButton}>
            Create
          </button>
        </div>
        {shared && (
          <p role="status" className="text-sm">
            Created “{shared}”.
          </p>
        )}
      </form>
    </section>
  );
}
