// The tests' stand-in for the remote model endpoint (Databricks Model Serving or any
// OpenAI-compatible server). It checks the bearer token and the shape of what it is sent, records
// every request for assertions, and answers deterministically from what it received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export const TEST_TOKEN = "test-token-7f3a";
export const EMBEDDING_DIMENSION = 64;
/** Any embedding input containing this marker makes the server answer 500, to test failures midway. */
export const FAIL_MARKER = "FAIL-EMBEDDING-HERE";

export type RecordedRequest = { method: string; path: string; authorization?: string; body: unknown };

function hashVector(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSION).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 2166136261;
    for (const char of word) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    vector[(hash >>> 0) % EMBEDDING_DIMENSION] += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export function startOpenAICompatibleServer({ port = 0 }: { port?: number } = {}) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && path === "/health") return send(response, 200, { ok: true });
    if (request.method === "GET" && path === "/requests") return send(response, 200, requests);
    let body: unknown;
    try {
      body = await readJson(request);
    } catch {
      return send(response, 400, { error: { message: "body is not JSON" } });
    }
    requests.push({ method: request.method ?? "", path, authorization: request.headers.authorization, body });
    if (request.headers.authorization !== `Bearer ${TEST_TOKEN}`) {
      return send(response, 401, { error: { message: "invalid token", type: "invalid_request_error" } });
    }
    if (request.method === "POST" && path.endsWith("/embeddings")) {
      const input = (body as { input?: unknown; model?: unknown }) ?? {};
      const inputs = Array.isArray(input.input) ? input.input : [input.input];
      if (typeof input.model !== "string" || !inputs.every((item) => typeof item === "string")) {
        return send(response, 400, { error: { message: "expected {model: string, input: string[]}" } });
      }
      if (inputs.some((item) => (item as string).includes(FAIL_MARKER))) {
        return send(response, 500, { error: { message: "injected failure" } });
      }
      return send(response, 200, {
        object: "list",
        model: input.model,
        data: inputs.map((item, index) => ({
          object: "embedding",
          index,
          embedding: hashVector(item as string),
        })),
        usage: { prompt_tokens: 0, total_tokens: 0 },
      });
    }
    return send(response, 404, { error: { message: `no route ${request.method} ${path}` } });
  });
  return new Promise<{ url: string; requests: RecordedRequest[]; close: () => Promise<void> }>((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${actualPort}`,
        requests,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

// `tsx e2e/support/openai-compatible-server.ts --port P` runs it for Playwright's webServer.
if (process.argv[1]?.endsWith("openai-compatible-server.ts")) {
  const index = process.argv.indexOf("--port");
  const port = index > 0 ? Number(process.argv[index + 1]) : 4010;
  startOpenAICompatibleServer({ port }).then(({ url }) =>
    console.log(`OpenAI-compatible test server on ${url}`),
  );
}
