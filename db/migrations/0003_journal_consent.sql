CREATE TYPE "public"."journal_entry_kind" AS ENUM('journal', 'note', 'reflection');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('ai_transcripts', 'ai_questionnaires', 'ai_external_provider');--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "journal_entry_kind" NOT NULL,
	"title_enc" text,
	"body_enc" text NOT NULL,
	"mood" smallint,
	"tags_enc" text,
	"tag_index" text[] DEFAULT '{}'::text[] NOT NULL,
	"prompt_id" uuid,
	"shared_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_mood_range" CHECK ("journal_entries"."mood" IS NULL OR "journal_entries"."mood" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "journal_prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid,
	"client_id" uuid NOT NULL,
	"text_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"granted" boolean NOT NULL,
	"text_version" text NOT NULL,
	"text_sha256" text NOT NULL,
	"locale" "user_locale" NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recording_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted" boolean NOT NULL,
	"text_version" text NOT NULL,
	"text_sha256" text NOT NULL,
	"locale" "user_locale" NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "row_hash" text;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_prompt_id_journal_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."journal_prompts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_prompts" ADD CONSTRAINT "journal_prompts_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_prompts" ADD CONSTRAINT "journal_prompts_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journal_entries_user_created_idx" ON "journal_entries" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "journal_entries_shared_idx" ON "journal_entries" USING btree ("user_id","shared_at");--> statement-breakpoint
CREATE INDEX "journal_entries_tag_index_idx" ON "journal_entries" USING gin ("tag_index");--> statement-breakpoint
CREATE INDEX "journal_prompts_client_idx" ON "journal_prompts" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "consent_events_user_purpose_idx" ON "consent_events" USING btree ("user_id","purpose","created_at");--> statement-breakpoint
CREATE INDEX "recording_consents_booking_idx" ON "recording_consents" USING btree ("booking_id","user_id","created_at");