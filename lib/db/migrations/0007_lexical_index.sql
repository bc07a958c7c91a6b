DROP TABLE IF EXISTS "term_stats";--> statement-breakpoint
CREATE TABLE "lexical_segments" (
	"document_id" text PRIMARY KEY NOT NULL,
	"version" bigserial NOT NULL,
	"chunks" integer NOT NULL,
	"data" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lexical_segments" ADD CONSTRAINT "lexical_segments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "search_state" ("id", "version") VALUES (1, 1);--> statement-breakpoint
CREATE FUNCTION "bump_search_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "search_state" SET "version" = "version" + 1 WHERE "id" = 1;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "lexical_segments_changed" AFTER INSERT OR UPDATE OR DELETE ON "lexical_segments"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_search_version"();--> statement-breakpoint
CREATE TRIGGER "documents_added_or_removed" AFTER INSERT OR DELETE ON "documents"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_search_version"();--> statement-breakpoint
CREATE TRIGGER "documents_status_changed" AFTER UPDATE OF "status" ON "documents"
	FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "bump_search_version"();
