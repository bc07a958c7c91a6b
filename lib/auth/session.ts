// Signed session cookies with Web Crypto (HMAC-SHA256), usable from the proxy and route handlers.
export const SESSION_COOKIE = "session";
/** Better Auth's session cookie in accounts mode (prefix "dbrx", lib/auth/accounts/auth.ts). */
export const ACCOUNT_SESSION_COOKIE = "dbrx.session_token";
export const SESSION_DAYS = 7;

const encoder = new TextEncoder();

function toBase64Url(bytes: ArrayBuffer): string {
  return Buffer.from(bytes).toString("base64url");
}

async function key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(`dbrx-docs-chat session v1:${secret}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

/** A cookie value "v1.<expiry ms>.<signature>" valid for SESSION_DAYS. */
export async function createSessionValue(secret: string, now = Date.now()): Promise<string> {
  const expires = now + SESSION_DAYS * 24 * 60 * 60 * 1000;
  const payload = `v1.${expires}`;
  const signature = await crypto.subtle.sign("HMAC", await key(secret), encoder.encode(payload));
  return `${payload}.${toBase64Url(signature)}`;
}

export async function isValidSession(
  secret: string,
  value: string | undefined,
  now = Date.now(),
): Promise<boolean> {
  const match = value?.match(/^(v1\.(\d{13}))\.([\w-]{43})$/);
  if (!match) return false;
  const expires = Number(match[2]);
  // Only this server mints cookies, never for longer than SESSION_DAYS: a later expiry was forged
  // by someone holding the secret, and would outlive any change of it by centuries.
  if (expires < now || expires > now + SESSION_DAYS * 24 * 60 * 60 * 1000 + 60_000) return false;
  const signature = Buffer.from(match[3], "base64url");
  return crypto.subtle.verify("HMAC", await key(secret), signature, encoder.encode(match[1]));
}

/** Compares a submitted password in constant time (via HMAC of both sides). */
export async function passwordMatches(expected: string, submitted: string): Promise<boolean> {
  const hmacKey = await key("password-check");
  const [a, b] = await Promise.all([
    crypto.subtle.sign("HMAC", hmacKey, encoder.encode(expected)),
    crypto.subtle.sign("HMAC", hmacKey, encoder.encode(submitted)),
  ]);
  const left = new Uint8Array(a);
  const right = new Uint8Array(b);
  let difference = 0;
  for (let n = 0; n < left.length; n++) difference |= left[n] ^ right[n];
  return difference === 0;
}
