// A real OpenID Connect provider for the tests (the `oidc-provider` package, certified), on
// 127.0.0.1. Its login and consent complete by themselves for one person, so a browser that the
// app sends here comes back signed in as them; everything else (discovery, PKCE, the code
// exchange, signed ID tokens) is the provider's own.
import { createServer } from "node:http";
import Provider from "oidc-provider";

export const OIDC_PORT = 4020;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT_ID = "dbrx-docs-chat";
export const OIDC_CLIENT_SECRET = "oidc-test-secret-3b9d";
/** The person the provider signs in: their domain is one the accounts instance lets join. */
export const OIDC_PERSON = {
  sub: "sso-sam-1",
  email: "sam@corp.test",
  email_verified: true,
  name: "Sam Single",
};

export function startOidcProvider({ port = OIDC_PORT, redirectUri }: { port?: number; redirectUri: string }) {
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    findAccount: async (_context, sub) => ({ accountId: sub, claims: async () => ({ ...OIDC_PERSON, sub }) }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["oidc-test-cookie-key"] },
  });
  const callback = provider.callback();
  const server = createServer(async (request, response) => {
    if (!request.url?.startsWith("/interaction/")) return callback(request, response);
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name === "login")
      return provider.interactionFinished(
        request,
        response,
        { login: { accountId: OIDC_PERSON.sub } },
        { mergeWithLastSubmission: false },
      );
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({
          accountId: details.session?.accountId,
          clientId: String(details.params.client_id),
        });
    if (!grant) throw new Error("the grant went missing");
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    return provider.interactionFinished(
      request,
      response,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  });
  server.listen(port, "127.0.0.1");
  return server;
}

if (process.argv.includes("--redirect-uri")) {
  const redirectUri = process.argv[process.argv.indexOf("--redirect-uri") + 1];
  startOidcProvider({ redirectUri });
  console.log(`[oidc] provider at ${OIDC_ISSUER}, redirecting to ${redirectUri}`);
}
