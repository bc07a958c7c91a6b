CREATE TABLE "first_admin_claim" (
	"id" integer PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
