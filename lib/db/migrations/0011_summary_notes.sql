CREATE TABLE "summary_notes" (
	"document_id" text NOT NULL,
	"model" text NOT NULL,
	"version" text NOT NULL,
	"notes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "summary_notes_document_id_model_pk" PRIMARY KEY("document_id","model")
);
--> statement-breakpoint
ALTER TABLE "summary_notes" ADD CONSTRAINT "summary_notes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;