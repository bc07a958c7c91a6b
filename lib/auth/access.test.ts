// Without accounts there is one space: every document is readable, and uploads go to it alone.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { LOCAL_COLLECTION } from "@/lib/db/schema";
import { readableDocumentIds, uploadCollection } from "./access";
import { LOCAL_PERSON } from "./person";

describe("access without accounts", () => {
  it("reads everything and uploads to the one space; a collectionId is refused with what to do", async () => {
    const db = await getDb();
    expect(await readableDocumentIds(db, LOCAL_PERSON)).toBeNull();
    expect(await uploadCollection(db, LOCAL_PERSON, undefined)).toBe(LOCAL_COLLECTION);
    expect(await uploadCollection(db, LOCAL_PERSON, LOCAL_COLLECTION)).toBe(LOCAL_COLLECTION);
    await expect(uploadCollection(db, LOCAL_PERSON, "team-handbook")).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/set AUTH_SECRET/),
    });
  });
});
