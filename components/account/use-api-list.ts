"use client";

import { useCallback, useEffect, useState } from "react";
import { fetchJson } from "../fetch-json";

/** A list one of the account APIs answers (`GET url` → `{ [key]: Item[] }`), with a way to load it again. */
export function useApiList<Item>(url: string, key: string) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const outcome = await fetchJson<Record<string, Item[]>>(url, {
      fallbackError: "Could not load the list",
    });
    if (outcome.ok) {
      setItems(outcome.body[key] ?? []);
      setError(null);
    } else setError(outcome.error);
  }, [url, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, setError, reload };
}

/** Sends JSON to one of the account APIs; the error's sentence, or null when it worked. */
export async function sendJson<Body>(url: string, method: string, body?: unknown) {
  return fetchJson<Body>(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    fallbackError: "The request failed",
  });
}
