CREATE TYPE "public"."questionnaire_question_kind" AS ENUM('text', 'scale', 'single', 'multiple');--> statement-breakpoint
CREATE TABLE "questionnaire_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid,
	"coach_id" uuid,
	"client_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"questions" jsonb NOT NULL,
	"due_date" date,
	"answers_enc" text,
	"draft_saved_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"coach_viewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_assignments_submitted_answers" CHECK ("questionnaire_assignments"."submitted_at" IS NULL OR "questionnaire_assignments"."answers_enc" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "questionnaire_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "questionnaire_question_kind" NOT NULL,
	"prompt" text NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"scale_min" integer,
	"scale_max" integer,
	"scale_min_label" text,
	"scale_max_label" text,
	"options" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_questions_scale" CHECK ("questionnaire_questions"."kind" <> 'scale' OR ("questionnaire_questions"."scale_min" IS NOT NULL AND "questionnaire_questions"."scale_max" IS NOT NULL AND "questionnaire_questions"."scale_min" < "questionnaire_questions"."scale_max"))
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questionnaire_assignments" ADD CONSTRAINT "questionnaire_assignments_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_assignments" ADD CONSTRAINT "questionnaire_assignments_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_assignments" ADD CONSTRAINT "questionnaire_assignments_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_questions" ADD CONSTRAINT "questionnaire_questions_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "questionnaire_assignments_client_idx" ON "questionnaire_assignments" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "questionnaire_assignments_coach_idx" ON "questionnaire_assignments" USING btree ("coach_id","submitted_at");--> statement-breakpoint
CREATE INDEX "questionnaire_assignments_template_idx" ON "questionnaire_assignments" USING btree ("questionnaire_id");--> statement-breakpoint
CREATE INDEX "questionnaire_questions_order_idx" ON "questionnaire_questions" USING btree ("questionnaire_id","position");--> statement-breakpoint
CREATE INDEX "questionnaires_coach_idx" ON "questionnaires" USING btree ("coach_id","archived_at");