ALTER TYPE "public"."ai_analysis_status" ADD VALUE 'review' BEFORE 'running';--> statement-breakpoint
CREATE TABLE "ai_settings" (
	"coach_id" uuid PRIMARY KEY NOT NULL,
	"review_before_sending" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_analyses" ADD COLUMN "review_enc" text;--> statement-breakpoint
ALTER TABLE "ai_analyses" ADD COLUMN "review_masked" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_transmissions" ADD COLUMN "reviewed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_transmissions" ADD COLUMN "masked_tokens" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_settings" ADD CONSTRAINT "ai_settings_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;