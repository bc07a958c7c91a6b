"use client";

import { useState } from "react";
import { fetchJson } from "../fetch-json";
import { secondaryButton } from "./styles";

/** Starts the OpenID Connect round trip: to the identity provider, and back to `next` signed in. */
export function SsoButton({ name, next }: { name: string; next: string }) {
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    const outcome = await fetchJson<{ url?: string }>("/api/sso/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        provider: "oidc",
        callbackURL: next,
        errorCallbackURL: `/sign-in?next=${encodeURIComponent(next)}`,
      }),
      fallbackError: "Could not start single sign-on",
    });
    if (outcome.ok && outcome.body.url) return window.location.assign(outcome.body.url);
    setError(outcome.ok ? "The identity provider gave no address to go to." : outcome.error);
  };
  return (
    <div className="mt-4">
      <button
        type="button"
        onClick={start}
        data-testid="sso-button"
        className={`w-full py-2 ${secondaryButton}`}
      >
        Sign in with {name}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
