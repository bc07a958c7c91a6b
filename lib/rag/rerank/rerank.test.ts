import { beforeAll, describe, expect, it } from "vitest";
import { type RecordedRequest, TEST_TOKEN } from "@/e2e/support/openai-compatible-server";
import { analyze } from "@/lib/text/analyze";
import { LexicalReranker } from "./lexical-reranker";
import { parseRanking } from "./model-reranker";

// The chat model is DBRX on a Databricks-style workspace: the tests' OpenAI-compatible server.
beforeAll(() => {
  process.env.DATABRICKS_HOST = process.env.TEST_MODEL_URL;
  process.env.DATABRICKS_TOKEN = TEST_TOKEN;
});

async function rerankRequests(): Promise<RecordedRequest[]> {
  const all: RecordedRequest[] = await (await fetch(`${process.env.TEST_MODEL_URL}/requests`)).json();
  return all.filter((request) => JSON.stringify(request.body).includes("You rank passages"));
}

const candidates = [
  { text: "Tides follow the moon. Fishing boats leave at dawn.", heading: "harbour > Boats", prior: 1 },
  {
    text: "The lighthouse keeper polishes the lens of the lighthouse every evening.",
    heading: "harbour > Light",
    prior: 0.9,
  },
  { text: "Gulls nest on the pier in spring.", heading: "harbour > Birds", prior: 0.8 },
];

describe("rerankCandidates with the chat model (listwise, one request)", () => {
  it("sends the query and every candidate once, applies the model's order, and caches it per search", async () => {
    const { rerankCandidates, configuredRerank } = await import("./index");
    expect(configuredRerank()).toBe("model");
    const before = (await rerankRequests()).length;
    const search = {
      kind: "model" as const,
      query: "who polishes the lighthouse lens?",
      candidates,
      termWeights: new Map(),
      cacheKey: "v1\nwho polishes the lighthouse lens?\na,b,c",
    };
    const order = await rerankCandidates(search);
    const sent = (await rerankRequests()).slice(before);
    expect(sent).toHaveLength(1);
    const prompt = JSON.stringify(sent[0].body);
    expect(prompt).toContain("who polishes the lighthouse lens?");
    for (const candidate of candidates) expect(prompt).toContain(candidate.text);
    // The stand-in orders by shared words: the lighthouse passage first.
    expect(order.map((entry) => entry.index)).toEqual([1, 0, 2]);
    expect(order[0].score).toBe(1);
    expect(order[1].score).toBeLessThan(order[0].score);

    expect(await rerankCandidates(search)).toEqual(order);
    expect((await rerankRequests()).length).toBe(before + 1);
    // Another search version (a document added or deleted) is another search.
    await rerankCandidates({ ...search, cacheKey: "v2\nwho polishes the lighthouse lens?\na,b,c" });
    expect((await rerankRequests()).length).toBe(before + 2);
  });

  it("reads the model's reply leniently: bad or missing numbers keep their first-stage place", () => {
    expect(parseRanking("Here you go: [3, 1]", 4)).toEqual([2, 0, 1, 3]);
    expect(parseRanking("[2, 2, 9, 0, 1]", 3)).toEqual([1, 0, 2]);
    expect(parseRanking("I cannot rank these.", 2)).toEqual([0, 1]);
  });
});

describe("LexicalReranker (offline)", () => {
  // The query terms' weights as the lexical index gives them: stems, rarer ones weighing more.
  const weights = new Map(
    (
      [
        ["lighthouse", 2],
        ["lens", 2],
        ["polishing", 1.5],
        ["keeper", 1],
      ] as const
    ).map(([word, weight]) => [analyze(word)[0], weight]),
  );

  it("puts the passage with the query's words close together and in order above one that scatters them", async () => {
    const reranker = new LexicalReranker({ termWeights: weights });
    const { ranking } = await reranker.doRerank({
      query: "lighthouse lens polishing",
      documents: {
        type: "object",
        values: [
          {
            text: "The lighthouse stands on a rock. Far away, across the bay, a shop sells a lens. Polishing cloths are sold there too.",
            heading: "harbour",
            prior: 1,
          },
          {
            text: "Keepers spend the evening polishing the lighthouse lens by hand.",
            heading: "harbour",
            prior: 0.9,
          },
        ],
      },
    });
    expect(ranking.map((entry) => entry.index)).toEqual([1, 0]);
  });

  it("demotes a table of contents that holds every word, and lifts a passage whose section names them", async () => {
    const reranker = new LexicalReranker({ termWeights: weights });
    const { ranking } = await reranker.doRerank({
      query: "lighthouse lens",
      documents: {
        type: "object",
        values: [
          {
            text: "Lighthouse lens . . . . . . 12 Lighthouse keeper . . . . . 14 Lens polish . . . . 19",
            heading: "harbour",
            prior: 1,
          },
          {
            text: "It is cleaned with alcohol, for the lens of a lighthouse scratches easily.",
            heading: "harbour > Lighthouse lens care",
            prior: 0.6,
          },
        ],
      },
    });
    expect(ranking.map((entry) => entry.index)).toEqual([1, 0]);
  });
});
