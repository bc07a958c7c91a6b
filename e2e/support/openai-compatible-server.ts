// The tests' stand-in for the remote model endpoint (Databricks Model Serving or any
// OpenAI-compatible server). It checks the bearer token and the shape of what it is sent, records
// every request for assertions, and answers deterministically from what it received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export const TEST_TOKEN = "test-token-7f3a";
export const EMBEDDING_DIMENSION = 64;
/** Any embedding input containing this marker makes the server answer 500, to test failures midway. */
export const FAIL_MARKER = "FAIL-EMBEDDING-HERE";

export type RecordedRequest = {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
  /** Set when the client closed the connection before the answer was complete. */
  aborted?: boolean;
};

/** Words in the last user message that make the chat endpoint misbehave, for error-path tests. */
export const TRIGGERS = {
  rateLimit: "TRIGGER-429",
  serverError: "TRIGGER-500",
  contextTooLong: "TRIGGER-CONTEXT",
  longAnswer: "TRIGGER-LONG",
  /** Answers 429 to the first three streamed requests of a question (a call and its two retries), then as usual. */
  busyThrice: "TRIGGER-BUSY-THRICE",
  /** In a document's text: each map call of its summary takes 3 s (unless the caller goes away first). */
  slowMap: "TRIGGER-SLOW-MAP",
} as const;

/** Streamed requests seen per question carrying TRIGGERS.busyThrice. */
const busyCounts = new Map<string, number>();

type ChatMessage = { role: string; content: string | { type: string; text?: string }[] };

const contentText = (message: ChatMessage) =>
  typeof message.content === "string"
    ? message.content
    : message.content.map((part) => part.text ?? "").join("");

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

/** The passage sentence sharing the most words with the question (ties: the earliest passage). */
function bestSentence(question: string, passages: { id: string; text: string }[]) {
  const words = new Set(question.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
  let best = { id: passages[0].id, sentence: passages[0].text.replace(/\s+/g, " ").slice(0, 200), score: -1 };
  for (const passage of passages) {
    for (const sentence of passage.text.replace(/\s+/g, " ").split(/(?<=[.!?])\s+/)) {
      const score = (sentence.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []).filter((word) =>
        words.has(word),
      ).length;
      if (score > best.score) best = { id: passage.id, sentence, score };
    }
  }
  return best;
}

/** A whole (non-streamed) chat completion carrying `content`. */
function sendCompletion(response: ServerResponse, model: string, content: string) {
  send(response, 200, {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  });
}

/**
 * Answers from what it was sent: it quotes the passage sentence that best matches the question and
 * counts the passages and earlier messages, so tests can check what reached the model. A non-streaming call
 * (the follow-up condensing step) answers with all the user's questions joined.
 */
async function chatCompletion(body: unknown, response: ServerResponse, record: RecordedRequest) {
  const { model, messages, stream } = (body ?? {}) as {
    model?: unknown;
    messages?: ChatMessage[];
    stream?: unknown;
  };
  if (
    typeof model !== "string" ||
    !Array.isArray(messages) ||
    messages.some((message) => typeof message?.role !== "string")
  ) {
    return send(response, 400, {
      error: { message: "expected {model: string, messages: [{role, content}]}" },
    });
  }
  const system = messages
    .filter((message) => message.role === "system")
    .map(contentText)
    .join("\n");
  const users = messages.filter((message) => message.role === "user").map(contentText);
  const question = users.at(-1) ?? "";
  if (question.includes(TRIGGERS.rateLimit))
    return send(response, 429, { error: { message: "Rate limit exceeded" } });
  if (stream && question.includes(TRIGGERS.busyThrice)) {
    const seen = (busyCounts.get(question) ?? 0) + 1;
    busyCounts.set(question, seen);
    if (seen <= 3) return send(response, 429, { error: { message: "Rate limit exceeded" } });
  }
  if (question.includes(TRIGGERS.serverError))
    return send(response, 500, { error: { message: "upstream exploded" } });
  if (question.includes(TRIGGERS.contextTooLong)) {
    return send(response, 400, {
      error: { message: "This model's maximum context length is 32768 tokens." },
    });
  }

  if (!stream && system.includes("You rank passages")) {
    // The listwise rerank: order the numbered passages by how many of the query's words they hold.
    const query = /^Query: (.*)$/m.exec(question)?.[1] ?? "";
    const words = new Set(query.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
    const passages = [...question.matchAll(/^\[(\d+)\] [^\n]*\n([^\n]*)/gm)].map((match) => ({
      number: Number(match[1]),
      shared: (match[2].toLowerCase().match(/[a-z0-9]{3,}/g) ?? []).filter((word) => words.has(word)).length,
    }));
    passages.sort((a, b) => b.shared - a.shared || a.number - b.number);
    const content = JSON.stringify(passages.map((passage) => passage.number));
    return sendCompletion(response, model, content);
  }

  if (!stream && /You take notes on part of a long document|You read part of a long document/.test(system)) {
    // A map call of a summary: notes naming the pages it was sent, and the first sentence of each.
    if (question.includes(TRIGGERS.slowMap)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        response.on("close", () => {
          clearTimeout(timer);
          if (!response.writableFinished) record.aborted = true;
          resolve();
        });
      });
      if (record.aborted) return;
    }
    const pages = [...question.matchAll(/<page n="(\d+)">\n([^\n]*)/g)];
    const content = `Test notes on pages ${pages.map((match) => match[1]).join(",")}: ${pages
      .map((match) => match[2].split(/(?<=[.!?])\s/)[0])
      .join(" ")
      .slice(0, 400)}`;
    return sendCompletion(response, model, content);
  }
  if (!stream && system.includes("You merge notes")) {
    return sendCompletion(response, model, `Test merged notes: ${question.slice(0, 400)}`);
  }

  if (!stream) {
    // The condensing call sends the conversation as one transcript; answer with its questions joined.
    const transcriptQuestions = [...question.matchAll(/^User: (.*)$/gm)].map((match) => match[1]);
    const content = (transcriptQuestions.length > 0 ? transcriptQuestions : [question]).join(" ");
    return sendCompletion(response, model, content);
  }

  const passages = [...system.matchAll(/<passage id="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)];
  const earlier = messages.filter((message) => message.role !== "system").length - 1;
  let answer: string;
  if (question.includes(TRIGGERS.longAnswer)) {
    answer = Array.from({ length: 400 }, (_, n) => `word${n}`).join(" ");
  } else if (passages.length > 0) {
    const best = bestSentence(
      question,
      passages.map((match) => ({ id: match[1], text: match[2] })),
    );
    answer = `Test model answer. Passage ${best.id} says: "${best.sentence}" [${best.id}]. I was sent ${passages.length} passages and ${earlier} earlier messages.`;
  } else {
    answer = `Test model answer without passages. I was sent ${earlier} earlier messages.`;
  }

  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  let closed = false;
  response.on("close", () => {
    if (!response.writableFinished) {
      closed = true;
      record.aborted = true;
    }
  });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  response.write(chunk({ role: "assistant", content: "" }));
  const slow = question.includes(TRIGGERS.longAnswer);
  for (const word of answer.split(/(?<= )/)) {
    if (closed) return;
    response.write(chunk({ content: word }));
    if (slow) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  response.write(chunk({}, "stop"));
  response.write(
    `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 0, model, choices: [], usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 } })}\n\n`,
  );
  response.end("data: [DONE]\n\n");
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
    if (request.method === "POST" && path.endsWith("/chat/completions")) {
      return chatCompletion(body, response, requests.at(-1) as RecordedRequest);
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
