ALTER TABLE "chats" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "active_stream_id" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "active_stream_at" timestamp with time zone;