import { beforeAll, describe, expect, it } from "vitest";
import { type RecordedRequest, TEST_TOKEN, TRIGGERS } from "@/e2e/support/openai-compatible-server";
import { LOCAL_OWNER } from "@/lib/db/schema";
import { answerText, assistantMessage, readUIChunks, uiResponse, userMessage } from "@/lib/test/ui-stream";
import type { ChatUIMessage } from "./types";

// A Databricks-style workspace: chat and embeddings both go to the tests' OpenAI-compatible server.
beforeAll(() => {
  process.env.DATABRICKS_HOST = process.env.TEST_MODEL_URL;
  process.env.DATABRICKS_TOKEN = TEST_TOKEN;
});

async function recorded(): Promise<RecordedRequest[]> {
  return (await fetch(`${process.env.TEST_MODEL_URL}/requests`)).json();
}

/** A turn not saved (as the compare view asks): the conversation as sent, ended by `signal`. */
async function chat(messages: ChatUIMessage[], signal = new AbortController().signal) {
  const { answerStream } = await import("./respond");
  return uiResponse(answerStream({ messages, useDocuments: true, signal }));
}

/** A turn of a saved chat: the server's history, `question` appended (none: answer the last one again). */
async function chatTurn(chatId: string, question?: ChatUIMessage) {
  const { respondInChat } = await import("./turn");
  return respondInChat({ chatId, ownerId: LOCAL_OWNER, question, useDocuments: true });
}

async function savedChat(id: string) {
  const { findChat } = await import("@/lib/db/chats");
  const { getDb } = await import("@/lib/db/client");
  // Called once the response has been read to its end, which comes only after the save: the AI SDK
  // awaits onFinish before it closes the stream.
  return findChat(await getDb(), { id, ownerId: LOCAL_OWNER });
}

describe("streamChatResponse with DBRX on Databricks Model Serving (local stand-in)", () => {
  it("puts the retrieved passage into the prompt of databricks-dbrx-instruct and streams its answer", async () => {
    const { ingestBytes } = await import("@/lib/test/ingest");
    await ingestBytes({
      name: "orchard.txt",
      mimeType: "text/plain",
      data: new Uint8Array(
        Buffer.from("Apple trees in the orchard are pruned in late February, before the buds open."),
      ),
    });
    const chunks = await readUIChunks(await chat([userMessage("When are the apple trees pruned?")]));
    expect(answerText(chunks)).toContain(
      'Passage 1 says: "Apple trees in the orchard are pruned in late February',
    );
    expect(answerText(chunks)).toContain("[1]");

    const completion = (await recorded())
      .filter((request) => request.path === "/serving-endpoints/chat/completions")
      .at(-1);
    expect(completion?.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    const body = completion?.body as {
      model: string;
      stream: boolean;
      messages: { role: string; content: string }[];
    };
    expect(body.model).toBe("databricks-dbrx-instruct");
    expect(body.stream).toBe(true);
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toMatch(/Answer only from the numbered passages/);
    expect(body.messages[0].content).toContain('<passage id="1" document="orchard.txt">');
  });

  it("condenses a follow-up with the model before retrieval", async () => {
    const chunks = await readUIChunks(
      await chat([
        userMessage("Tell me about the orchard"),
        assistantMessage("It has apple trees. [1]"),
        userMessage("When are they pruned?"),
      ]),
    );
    const start = chunks.find((chunk) => chunk.type === "start") as {
      messageMetadata: { searchQuery: string };
    };
    // The stand-in condenses by joining the user's questions; the real model rewrites them.
    expect(start.messageMetadata.searchQuery).toBe("Tell me about the orchard When are they pruned?");
    const condense = (await recorded())
      .filter(
        (request) =>
          (request.body as { stream?: boolean })?.stream !== true &&
          request.path.endsWith("/chat/completions"),
      )
      .at(-1);
    expect(JSON.stringify(condense?.body)).toContain("standalone search query");
    expect(answerText(chunks)).toContain("2 earlier messages");
  });

  it("turns upstream failures into sentences a person can act on", async () => {
    for (const [trigger, message] of [
      [TRIGGERS.rateLimit, /rate limiting.*retry/i],
      [TRIGGERS.serverError, /HTTP 500.*retry/i],
      [TRIGGERS.contextTooLong, /too long for the model's context window/],
    ] as const) {
      const chunks = await readUIChunks(await chat([userMessage(`orchard ${trigger}`)]));
      const error = chunks.find((chunk) => chunk.type === "error") as { errorText: string } | undefined;
      expect(error?.errorText, trigger).toMatch(message);
    }
  });

  it("keeps a question whose answer failed, unanswered, and answers it on retry", async () => {
    const failing = userMessage(`orchard ${TRIGGERS.serverError}`, "never-answered-q");
    await readUIChunks(await chatTurn("never-answered", failing));
    expect((await savedChat("never-answered"))?.messages).toEqual([failing]);

    const question = userMessage("When are the apple trees pruned?", "q1");
    await readUIChunks(await chatTurn("kept-chat", question));
    const firstAnswer = (await savedChat("kept-chat"))?.messages;
    expect(firstAnswer?.map((message) => message.role)).toEqual(["user", "assistant"]);
    // The usage the model reported for the turn is saved with it (the stand-in reports 100 and 50).
    expect(firstAnswer?.[1].metadata?.usage).toEqual({ inputTokens: 100, outputTokens: 50 });

    const chunks = await readUIChunks(
      await chatTurn("kept-chat", userMessage(`orchard ${TRIGGERS.serverError}`, "q2")),
    );
    expect(chunks.some((chunk) => chunk.type === "error")).toBe(true);
    const afterFailure = (await savedChat("kept-chat"))?.messages;
    expect(afterFailure?.slice(0, 2)).toEqual(firstAnswer);
    expect(afterFailure?.map((message) => message.id)).toEqual(["q1", firstAnswer?.[1].id, "q2"]);
  });

  it("searches for a new chat's first question while saving it, but refuses it without a model call when the chat exists", async () => {
    const { respondInChat } = await import("./turn");
    const completions = async () =>
      (await recorded()).filter((request) => request.path === "/serving-endpoints/chat/completions").length;
    const first = userMessage("When are the apple trees pruned?", "parallel-q1");
    await readUIChunks(
      await respondInChat({
        chatId: "parallel",
        ownerId: LOCAL_OWNER,
        question: first,
        parentId: null,
        useDocuments: true,
      }),
    );
    const before = await savedChat("parallel");
    expect(before?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);

    // A second page that also believes the chat is new: refused before anything reaches the model.
    const calls = await completions();
    const other = userMessage(`orchard ${TRIGGERS.longAnswer}`, "parallel-q2");
    await expect(
      respondInChat({
        chatId: "parallel",
        ownerId: LOCAL_OWNER,
        question: other,
        parentId: null,
        useDocuments: true,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await completions()).toBe(calls);
    expect((await savedChat("parallel"))?.messages).toEqual(before?.messages);
    // The refusal left no answer marked in progress: the next turn goes ahead.
    const next = userMessage("And when do the buds open?", "parallel-q3");
    await readUIChunks(
      await respondInChat({
        chatId: "parallel",
        ownerId: LOCAL_OWNER,
        question: next,
        parentId: before?.messages[1].id,
        useDocuments: true,
      }),
    );
    expect((await savedChat("parallel"))?.messages.map((message) => message.id)).toEqual([
      "parallel-q1",
      before?.messages[1].id,
      "parallel-q3",
      expect.any(String),
    ]);
  });

  it("stops the model call on a stop request, from outside the request, and saves what was written", async () => {
    const { stopAnswer } = await import("./turn");
    const response = await chatTurn("stopped-chat", userMessage(`orchard ${TRIGGERS.longAnswer}`, "long-q"));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = "";
    while (!received.includes("word5")) received += new TextDecoder().decode((await reader.read()).value);
    expect(await stopAnswer({ id: "stopped-chat", ownerId: LOCAL_OWNER })).toBe(true);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    await expect
      .poll(
        async () =>
          (await recorded())
            .filter((request) => JSON.stringify(request.body).includes(TRIGGERS.longAnswer))
            .at(-1)?.aborted,
      )
      .toBe(true);
    const [, answer] = (await savedChat("stopped-chat"))?.messages ?? [];
    const { messageText } = await import("./message-parts");
    const text = messageText(answer);
    expect(text).toContain("word5");
    // The stand-in's long answer has 400 words; a stop that did not reach the model would save them all.
    expect(text).not.toContain("word399");
    expect(await stopAnswer({ id: "stopped-chat", ownerId: LOCAL_OWNER })).toBe(false);
  });

  it("aborts the upstream request when the client goes away", async () => {
    const controller = new AbortController();
    const response = await chat([userMessage(`orchard ${TRIGGERS.longAnswer}`)], controller.signal);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = "";
    while (!received.includes("word5")) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await reader.cancel().catch(() => {});
    // The stand-in records the abort when its socket closes.
    await expect
      .poll(
        async () =>
          (await recorded())
            .filter((request) => JSON.stringify(request.body).includes(TRIGGERS.longAnswer))
            .at(-1)?.aborted,
      )
      .toBe(true);
  });
});
