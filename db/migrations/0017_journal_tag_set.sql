CREATE TABLE "journal_tag_sets" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_tags" (
	"user_id" uuid NOT NULL,
	"tag_index" text NOT NULL,
	"tag_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_tags_user_id_tag_index_pk" PRIMARY KEY("user_id","tag_index")
);
--> statement-breakpoint
ALTER TABLE "journal_tag_sets" ADD CONSTRAINT "journal_tag_sets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_tags" ADD CONSTRAINT "journal_tags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;