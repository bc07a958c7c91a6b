import { describe, expect, it } from "vitest";
import { fuseRankings, RRF_K } from "./fusion";

describe("fuseRankings (reciprocal rank fusion)", () => {
  it("ranks what both lists hold above what one list puts first", () => {
    const fused = fuseRankings([
      ["lexical-only", "both", "x"],
      ["dense-only", "both", "y"],
    ]);
    expect(fused[0]).toEqual({ id: "both", score: 2 / (RRF_K + 2) });
    expect(
      fused
        .map((entry) => entry.id)
        .slice(1, 3)
        .sort(),
    ).toEqual(["dense-only", "lexical-only"]);
    expect(fused).toHaveLength(5);
  });

  it("uses ranks only: a list's scores cannot drown the other list", () => {
    // One list alone is returned in its own order.
    expect(fuseRankings([["a", "b", "c"]]).map((entry) => entry.id)).toEqual(["a", "b", "c"]);
    expect(fuseRankings([[], ["d"]])).toEqual([{ id: "d", score: 1 / (RRF_K + 1) }]);
  });
});
