import { describe, expect, it } from "vitest";
import { locatePassage, splitAtRanges } from "./locate-passage";

const highlighted = (page: string, passage: string) =>
  splitAtRanges(page, locatePassage(passage, page))
    .filter((piece) => piece.highlighted)
    .map((piece) => piece.text);

const PAGE = [
  "3.2 Encoding rules",
  "The encoder splits each frame into sub-",
  "frames of 5 ms and computes the excita-",
  "tion for each of them separately.",
  "",
  "3.3 Decoding",
  "The decoder reverses the process.",
].join("\n");

describe("locatePassage", () => {
  it("finds a passage whose line breaks and hyphenation the chunker removed", () => {
    const passage =
      "The encoder splits each frame into subframes of 5 ms and computes the excitation for each of them separately.";
    expect(highlighted(PAGE, passage)).toEqual([
      "The encoder splits each frame into sub-\nframes of 5 ms and computes the excita-\ntion for each of them separately",
    ]);
  });

  it("matches ligatures, accents, case and spacing as the same letters", () => {
    const page = "The ﬁrst ofﬁcial  RÉSUMÉ of the eﬀort was ﬁled in March.";
    expect(highlighted(page, "the first official résumé of the effort was filed")).toEqual([
      "The ﬁrst ofﬁcial  RÉSUMÉ of the eﬀort was ﬁled",
    ]);
  });

  it("keeps one highlight over a small OCR slip", () => {
    const page =
      "Speex is based on CELP, which stands for Code Exc1ted Linear Prediction, a technique of the 1980s.";
    const passage =
      "Speex is based on CELP, which stands for Code Excited Linear Prediction, a technique of the 1980s.";
    expect(highlighted(page, passage)).toEqual([page.slice(0, -1)]);
  });

  it("finds only the part on this page of a passage that runs onto the next", () => {
    const passage =
      "The decoder reverses the process. It reads the frame header, then the sub-frame parameters.";
    expect(highlighted(PAGE, passage)).toEqual(["The decoder reverses the process"]);
  });

  it("prefers the occurrence where the whole passage follows over an earlier repeat of its start", () => {
    const page =
      "Set the quality option to 8. (See below.)\nSet the quality option to 8 for wideband speech at 27.8 kbps.";
    const ranges = locatePassage("Set the quality option to 8 for wideband speech at 27.8 kbps.", page);
    expect(ranges).toHaveLength(1);
    expect(page.slice(ranges[0].start, ranges[0].end)).toBe(
      "Set the quality option to 8 for wideband speech at 27.8 kbps",
    );
  });

  it("finds a passage in repetitive text as one range, where it starts", () => {
    const sentences = Array.from(
      { length: 40 },
      (_, n) => `At stop 5 the guide points out detail ${n + 1} of the cottage.`,
    );
    const page = sentences.join("\n");
    const found = highlighted(page, sentences.slice(24).join(" "));
    expect(found).toEqual([page.slice(page.indexOf("At stop 5 the guide points out detail 25 "), -1)]);
  });

  it("does not place the next page's part of a passage on this page's look-alike lines", () => {
    const lines = (stop: number) =>
      Array.from(
        { length: 40 },
        (_, n) => `At stop ${stop} the guide points out detail ${n + 1} of the cottage.`,
      );
    const page = [...lines(5), "The lantern room has 117 steps."].join("\n");
    const passage = [
      ...lines(5).slice(29),
      "The lantern room has 117 steps.",
      "Tour stop 6",
      ...lines(6).slice(0, 12),
    ].join(" ");
    expect(highlighted(page, passage)).toEqual([
      page.slice(page.indexOf("At stop 5 the guide points out detail 30 "), -1),
    ]);
  });

  it("anchors on the passage's longest run, not on an earlier part that the page repeats further down", () => {
    const body =
      "2 Codec description. This section describes the codec and its features in more detail, from the sampling rate to the bit-rate and the quality parameter.";
    const page = `${body}\nFinally, here are some concepts in speech coding worth knowing.`;
    const passage = `Chapter one ends: here are some concepts in speech coding worth knowing. ${body}`;
    expect(highlighted(page, passage)).toEqual([body.slice(0, -1)]);
  });

  it("matches table rows whose repeated header is not on the page", () => {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (mode) => `| ${mode} | ${(mode * 2.95).toFixed(2)} kbps | mode ${mode} |`,
    );
    const page = ["| Mode | Bit-rate | Name |", "| --- | --- | --- |", ...rows].join("\n");
    const passage = ["| Mode | Bit-rate | Name |", "| --- | --- | --- |", ...rows.slice(4)].join("\n");
    const found = highlighted(page, passage).join(" ");
    expect(found).toContain("5 | 14.75 kbps | mode 5 |");
    expect(found).toContain("| 8 | 23.60 kbps | mode 8");
    expect(found).not.toContain("8.85 kbps");
  });

  it("finds nothing on a page that does not hold the passage", () => {
    expect(
      locatePassage("Vorbis uses a modified discrete cosine transform for its audio frames.", PAGE),
    ).toEqual([]);
  });

  it("does not highlight a few shared words as the passage", () => {
    const passage =
      "The encoder applies a perceptual weighting filter before the search, so that noise is shaped under the speech spectrum.";
    expect(locatePassage(passage, PAGE)).toEqual([]);
  });

  it("finds a short passage exactly, and nothing for an empty one", () => {
    expect(highlighted(PAGE, "3.3 Decoding")).toEqual(["3.3 Decoding"]);
    expect(locatePassage("", PAGE)).toEqual([]);
    expect(locatePassage("anything", "")).toEqual([]);
  });

  it("keeps offsets right after characters outside the Basic Multilingual Plane", () => {
    const page = "Emoji 😀 come first. Then the cited sentence about frame sizes follows.";
    expect(highlighted(page, "Then the cited sentence about frame sizes follows")).toEqual([
      "Then the cited sentence about frame sizes follows",
    ]);
  });
});

describe("splitAtRanges", () => {
  it("cuts the text into plain and highlighted pieces that join back into it", () => {
    const pieces = splitAtRanges("abcdefgh", [
      { start: 1, end: 3 },
      { start: 5, end: 8 },
    ]);
    expect(pieces).toEqual([
      { text: "a", highlighted: false },
      { text: "bc", highlighted: true },
      { text: "de", highlighted: false },
      { text: "fgh", highlighted: true },
    ]);
    expect(pieces.map((piece) => piece.text).join("")).toBe("abcdefgh");
  });
});
