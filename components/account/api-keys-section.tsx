"use client";

import { type FormEvent, useState } from "react";
import type { ApiKeyJson } from "@/lib/auth/accounts/api-keys";
import { CopyButton } from "../chat/copy-button";
import { LocalDate } from "../local-date";
import { input, secondaryButton } from "./styles";
import { sendJson, useApiList } from "./use-api-list";

/** Keys for scripts: `Authorization: Bearer <key>`, with one's own permissions. Shown once, stored hashed. */
export function ApiKeysSection() {
  const { items, error, setError, reload } = useApiList<ApiKeyJson>("/api/keys", "keys");
  const [created, setCreated] = useState<string | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    const outcome = await sendJson<{ key: string }>("/api/keys", "POST", name ? { name } : {});
    if (!outcome.ok) return setError(outcome.error);
    setCreated(outcome.body.key);
    form.reset();
    await reload();
  };
  const revoke = async (id: string) => {
    const outcome = await sendJson(`/api/keys/${encodeURIComponent(id)}`, "DELETE");
    if (!outcome.ok) return setError(outcome.error);
    await reload();
  };

  return (
    <section aria-labelledby="keys-title" className="space-y-3">
      <h2 id="keys-title" className="font-semibold text-lg">
        API keys
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        For scripts: send <code>Authorization: Bearer &lt;key&gt;</code> to any API route. A key can do what
        you can.
      </p>
      <form onSubmit={create} className="flex gap-2">
        <label htmlFor="key-name" className="sr-only">
          Key name
        </label>
        <input id="key-name" name="name" placeholder="Name (optional)" maxLength={100} className={input} />
        <button type="submit" data-testid="create-api-key" className={`shrink-0 ${secondaryButton}`}>
          Create key
        </button>
      </form>
      {created && (
        <div
          role="status"
          className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200 dark:bg-amber-950 dark:ring-amber-900"
        >
          <p>Copy the key now: it is not shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-api-key" className="min-w-0 flex-1 break-all">
              {created}
            </code>
            <CopyButton text={created} />
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="divide-y divide-zinc-200 rounded-md ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
          {items.map((key) => (
            <li key={key.id} data-testid="api-key-row" className="flex items-center gap-3 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {key.name ?? "Unnamed key"} <code className="text-xs text-zinc-500">{key.start}…</code>
                </p>
                <p className="text-xs text-zinc-500">
                  made <LocalDate iso={key.createdAt} />
                  {key.lastUsedAt ? (
                    <>
                      {" "}
                      · last used <LocalDate iso={key.lastUsedAt} />
                    </>
                  ) : (
                    " · never used"
                  )}
                </p>
              </div>
              <button
                type="button"
                data-testid="revoke-api-key"
                onClick={() => revoke(key.id)}
                className={secondaryButton}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
