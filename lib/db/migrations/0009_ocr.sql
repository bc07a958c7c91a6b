CREATE TABLE "ocr_words" (
	"document_id" text NOT NULL,
	"page" integer NOT NULL,
	"words" jsonb NOT NULL,
	CONSTRAINT "ocr_words_document_id_page_pk" PRIMARY KEY("document_id","page")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "ocr_pages" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "empty_pages" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "reading_ocr" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ocr_words" ADD CONSTRAINT "ocr_words_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;