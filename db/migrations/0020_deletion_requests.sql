CREATE TYPE "public"."deletion_source" AS ENUM('self', 'clerk', 'coach');--> statement-breakpoint
CREATE TABLE "deletion_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"coach_id" uuid,
	"source" "deletion_source" NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"notify_email" text,
	"locale" text DEFAULT 'de' NOT NULL,
	"remote" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"completed_at" timestamp with time zone,
	"receipt_sent_at" timestamp with time zone,
	"receipt_log_deleted_at" timestamp with time zone,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "deletion_requests" ADD CONSTRAINT "deletion_requests_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deletion_requests_user_idx" ON "deletion_requests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "deletion_requests_coach_idx" ON "deletion_requests" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "deletion_requests_open_idx" ON "deletion_requests" USING btree ("completed_at","deadline_at");