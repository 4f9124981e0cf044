CREATE TABLE "pseudonym_mappings" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"mapping_enc" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pseudonym_mappings" ADD CONSTRAINT "pseudonym_mappings_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;