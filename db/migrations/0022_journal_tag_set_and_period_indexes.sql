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
ALTER TABLE "journal_tags" ADD CONSTRAINT "journal_tags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "local_sessions_expires_idx" ON "local_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "webhook_events_received_idx" ON "webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "consent_events_created_idx" ON "consent_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "bookings_starts_idx" ON "bookings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "payments_occurred_idx" ON "payments" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "transcripts_created_idx" ON "transcripts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ai_analyses_created_idx" ON "ai_analyses" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ai_transmissions_sent_idx" ON "ai_transmissions" USING btree ("sent_at");