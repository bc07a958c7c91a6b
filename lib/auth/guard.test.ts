import { afterEach, describe, expect, it, vi } from "vitest";
import { createSessionValue, SESSION_COOKIE } from "./session";

const PASSWORD = "correct horse battery staple";
const savedEnv = { ...process.env };

/** The guard as a fresh process would load it: env() reads process.env once and caches it. */
async function guardWith(variables: Record<string, string>) {
  process.env = { ...savedEnv, ...variables };
  vi.resetModules();
  return import("./guard");
}

afterEach(() => {
  process.env = { ...savedEnv };
  vi.resetModules();
});

function browserRequest(
  path: string,
  { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Request {
  return new Request(`http://localhost:3000${path}`, {
    method,
    headers: { host: "localhost:3000", ...headers },
  });
}

async function refusal(guarded: Promise<void>) {
  const error = await guarded.then(
    () => null,
    (caught: unknown) => caught,
  );
  return error as { name: string; code: string; status: number; message: string } | null;
}

const crossSiteHeaders: Record<string, string>[] = [
  { "sec-fetch-site": "cross-site" },
  { "sec-fetch-site": "same-site" },
  { origin: "http://evil.example" },
  { origin: "http://localhost:3001" },
  { origin: "null" },
];

describe("guardRequest on an open instance (no APP_PASSWORD)", () => {
  it("serves the default local host names, with or without port, in any case", async () => {
    const { guardRequest } = await guardWith({});
    for (const host of ["localhost:3000", "LOCALHOST", "127.0.0.1:3201", "[::1]:3000", "localhost."]) {
      expect(await refusal(guardRequest(browserRequest("/chat", { headers: { host } }))), host).toBeNull();
    }
  });

  it("refuses other host names with a 403 that names ALLOWED_HOSTS", async () => {
    const { guardRequest } = await guardWith({});
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "localhost.evil.example",
      "localhost@evil.example",
      "10.0.0.5:3000",
      "",
    ]) {
      const error = await refusal(guardRequest(browserRequest("/api/chats", { headers: { host } })));
      expect(error, host).toMatchObject({ name: "AppError", code: "forbidden", status: 403 });
      expect(error?.message).toMatch(/ALLOWED_HOSTS/);
    }
  });

  it("still answers /api/health under any host, for monitoring", async () => {
    const { guardRequest } = await guardWith({});
    const probe = browserRequest("/api/health", { headers: { host: "10.0.0.5:3000" } });
    expect(await refusal(guardRequest(probe))).toBeNull();
  });

  it("reads ALLOWED_HOSTS: exact names, a leading dot for subdomains, * for every name", async () => {
    const { guardRequest } = await guardWith({ ALLOWED_HOSTS: "docs.example.org, .corp.example" });
    const served = async (host: string) =>
      (await refusal(guardRequest(browserRequest("/", { headers: { host } })))) === null;
    expect(await served("docs.example.org")).toBe(true);
    expect(await served("corp.example:8080")).toBe(true);
    expect(await served("wiki.team.corp.example")).toBe(true);
    expect(await served("evilcorp.example")).toBe(false);
    expect(await served("localhost:3000")).toBe(false);

    const everyName = await guardWith({ ALLOWED_HOSTS: "*" });
    expect(
      await refusal(everyName.guardRequest(browserRequest("/", { headers: { host: "a.b" } }))),
    ).toBeNull();
  });

  it("ignores X-Forwarded-Host, which the client can set itself", async () => {
    const { guardRequest } = await guardWith({});
    const forged = browserRequest("/", {
      headers: { host: "evil.example", "x-forwarded-host": "localhost" },
    });
    expect(await refusal(guardRequest(forged))).toMatchObject({ code: "forbidden" });
  });

  it("refuses writes another site's page sends, and only those", async () => {
    const { guardRequest } = await guardWith({});
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const headers of crossSiteHeaders) {
        const error = await refusal(guardRequest(browserRequest("/api/chat", { method, headers })));
        expect(error, `${method} ${JSON.stringify(headers)}`).toMatchObject({
          code: "forbidden",
          status: 403,
        });
        expect(error?.message).toMatch(/another site/);
      }
    }
    for (const method of ["GET", "HEAD"]) {
      for (const headers of crossSiteHeaders) {
        const read = browserRequest("/api/documents", { method, headers });
        expect(await refusal(guardRequest(read)), `${method} ${JSON.stringify(headers)}`).toBeNull();
      }
    }
  });

  it("lets writes through from the app's own pages, from the person's own action, and from curl", async () => {
    const { guardRequest } = await guardWith({});
    const ownHeaders: Record<string, string>[] = [
      { "sec-fetch-site": "same-origin", origin: "http://localhost:3000" },
      { "sec-fetch-site": "none" },
      { origin: "http://localhost:3000" },
      { origin: "http://LOCALHOST:3000" },
      {},
    ];
    for (const headers of ownHeaders) {
      const write = browserRequest("/api/chat", { method: "POST", headers });
      expect(await refusal(guardRequest(write)), JSON.stringify(headers)).toBeNull();
    }
  });

  it("trusts Sec-Fetch-Site over Origin, so a proxy that rewrites Host does not block the app", async () => {
    const { guardRequest } = await guardWith({ ALLOWED_HOSTS: "127.0.0.1" });
    const behindProxy = browserRequest("/api/chat", {
      method: "POST",
      headers: {
        host: "127.0.0.1:3000",
        origin: "https://docs.example.org",
        "sec-fetch-site": "same-origin",
      },
    });
    expect(await refusal(guardRequest(behindProxy))).toBeNull();
  });
});

describe("guardRequest on a locked instance (APP_PASSWORD)", () => {
  it("asks for a session everywhere but the public paths", async () => {
    const { guardRequest } = await guardWith({ APP_PASSWORD: PASSWORD });
    for (const path of ["/chat", "/api/documents", "/api/chats/abc"]) {
      expect(await refusal(guardRequest(browserRequest(path))), path).toMatchObject({
        code: "unauthorized",
        status: 401,
      });
    }
    for (const path of ["/sign-in", "/api/auth/sign-in", "/api/health", "/share/some-token"]) {
      expect(await refusal(guardRequest(browserRequest(path))), path).toBeNull();
    }
  });

  it("accepts a signed session cookie and refuses a forged or expired one", async () => {
    const { guardRequest } = await guardWith({ APP_PASSWORD: PASSWORD });
    const withCookie = (value: string) =>
      refusal(
        guardRequest(
          browserRequest("/api/documents", { headers: { cookie: `theme=dark; ${SESSION_COOKIE}=${value}` } }),
        ),
      );
    expect(await withCookie(await createSessionValue(PASSWORD))).toBeNull();
    expect(await withCookie(await createSessionValue("another secret"))).toMatchObject({
      code: "unauthorized",
    });
    expect(await withCookie(await createSessionValue(PASSWORD, Date.now() - 8 * 86_400_000))).toMatchObject({
      code: "unauthorized",
    });
  });

  it("leaves host names to the password: a rebinding page gets no session cookie", async () => {
    const { guardRequest } = await guardWith({ APP_PASSWORD: PASSWORD });
    const session = `${SESSION_COOKIE}=${await createSessionValue(PASSWORD)}`;
    const hosted = browserRequest("/chat", { headers: { host: "docs.example.org", cookie: session } });
    expect(await refusal(guardRequest(hosted))).toBeNull();
    const stranger = browserRequest("/chat", { headers: { host: "evil.example" } });
    expect(await refusal(guardRequest(stranger))).toMatchObject({ code: "unauthorized" });
  });

  it("refuses cross-site writes even with a valid session, sign-in included", async () => {
    const { guardRequest } = await guardWith({ APP_PASSWORD: PASSWORD });
    const session = `${SESSION_COOKIE}=${await createSessionValue(PASSWORD)}`;
    for (const path of ["/api/documents", "/api/auth/sign-in"]) {
      const forged = browserRequest(path, {
        method: "POST",
        headers: { cookie: session, origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      });
      expect(await refusal(guardRequest(forged)), path).toMatchObject({ code: "forbidden", status: 403 });
    }
  });
});

describe("refusalResponse", () => {
  it("answers APIs with the JSON error, and pages with sign-in or a short text", async () => {
    const locked = await guardWith({ APP_PASSWORD: PASSWORD });
    const api = browserRequest("/api/chats");
    const apiResponse = locked.refusalResponse(api, await refusal(locked.guardRequest(api)));
    expect(apiResponse.status).toBe(401);
    expect(await apiResponse.json()).toEqual({
      error: "Sign in first: this deployment requires a password.",
      code: "unauthorized",
    });

    const page = browserRequest("/chat/abc?x=1");
    const pageResponse = locked.refusalResponse(page, await refusal(locked.guardRequest(page)));
    expect(pageResponse.status).toBe(307);
    expect(pageResponse.headers.get("location")).toBe(
      "http://localhost:3000/sign-in?next=%2Fchat%2Fabc%3Fx%3D1",
    );

    const open = await guardWith({});
    const rebound = browserRequest("/chat", { headers: { host: "evil.example" } });
    const forbidden = open.refusalResponse(rebound, await refusal(open.guardRequest(rebound)));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await forbidden.text()).toMatch(/"evil\.example".*ALLOWED_HOSTS/);
  });
});

describe("ALLOWED_HOSTS parsing", () => {
  it("falls back to the local names when empty and refuses entries with a scheme or port", async () => {
    const { parseEnv } = await import("@/lib/config/env");
    expect(parseEnv({ ALLOWED_HOSTS: " " }).ALLOWED_HOSTS).toEqual(["localhost", "127.0.0.1", "[::1]"]);
    expect(parseEnv({ ALLOWED_HOSTS: "Docs.Example.org., .corp.example" }).ALLOWED_HOSTS).toEqual([
      "docs.example.org",
      ".corp.example",
    ]);
    expect(() => parseEnv({ ALLOWED_HOSTS: "localhost:3000" })).toThrow(
      /ALLOWED_HOSTS.*without scheme or port/,
    );
    expect(() => parseEnv({ ALLOWED_HOSTS: "https://docs.example.org" })).toThrow(/ALLOWED_HOSTS/);
  });
});
