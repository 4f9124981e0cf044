CREATE TYPE "public"."ai_analysis_status" AS ENUM('queued', 'running', 'draft', 'approved', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."ai_source_kind" AS ENUM('transcript', 'questionnaire');--> statement-breakpoint
CREATE TABLE "ai_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"coach_id" uuid,
	"source_kind" "ai_source_kind" NOT NULL,
	"booking_id" uuid,
	"assignment_id" uuid,
	"status" "ai_analysis_status" DEFAULT 'queued' NOT NULL,
	"language" text,
	"draft_enc" text,
	"approved_enc" text,
	"failure_code" text,
	"missing_consents" text[] DEFAULT '{}'::text[] NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"approved_at" timestamp with time zone,
	"shared_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_transmissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"analysis_id" uuid,
	"purpose" "ai_source_kind" NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"chars_sent" integer NOT NULL,
	"placeholders" integer NOT NULL,
	"consent_event_ids" bigint[] NOT NULL,
	"outcome" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_analyses" ADD CONSTRAINT "ai_analyses_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_analyses" ADD CONSTRAINT "ai_analyses_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_analyses" ADD CONSTRAINT "ai_analyses_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_analyses" ADD CONSTRAINT "ai_analyses_assignment_id_questionnaire_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."questionnaire_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ai_analyses_booking_idx" ON "ai_analyses" USING btree ("booking_id") WHERE "ai_analyses"."booking_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "ai_analyses_assignment_idx" ON "ai_analyses" USING btree ("assignment_id") WHERE "ai_analyses"."assignment_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ai_analyses_coach_status_idx" ON "ai_analyses" USING btree ("coach_id","status");--> statement-breakpoint
CREATE INDEX "ai_analyses_status_idx" ON "ai_analyses" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "ai_transmissions_client_idx" ON "ai_transmissions" USING btree ("client_id","sent_at");