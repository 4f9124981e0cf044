CREATE TYPE "public"."booking_status" AS ENUM('pending', 'confirmed', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."availability_exception_kind" AS ENUM('off', 'extra');--> statement-breakpoint
CREATE TYPE "public"."session_mode" AS ENUM('video', 'in_person');--> statement-breakpoint
CREATE TABLE "availability_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" "availability_exception_kind" NOT NULL,
	"start_minute" integer,
	"end_minute" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_exceptions_range" CHECK (("availability_exceptions"."start_minute" IS NULL AND "availability_exceptions"."end_minute" IS NULL AND "availability_exceptions"."kind" = 'off') OR (0 <= "availability_exceptions"."start_minute" AND "availability_exceptions"."start_minute" < "availability_exceptions"."end_minute" AND "availability_exceptions"."end_minute" <= 1440))
);
--> statement-breakpoint
CREATE TABLE "availability_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "availability_rules_weekday" CHECK ("availability_rules"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "availability_rules_range" CHECK (0 <= "availability_rules"."start_minute" AND "availability_rules"."start_minute" < "availability_rules"."end_minute" AND "availability_rules"."end_minute" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"client_id" uuid,
	"session_type_id" uuid,
	"session_name" text NOT NULL,
	"mode" "session_mode" NOT NULL,
	"duration_minutes" integer NOT NULL,
	"price_rappen" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_from" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"status" "booking_status" DEFAULT 'pending' NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_times" CHECK ("bookings"."starts_at" < "bookings"."ends_at" AND "bookings"."blocked_from" <= "bookings"."starts_at" AND "bookings"."ends_at" <= "bookings"."blocked_until")
);
--> statement-breakpoint
CREATE TABLE "scheduling_settings" (
	"coach_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text DEFAULT 'Europe/Zurich' NOT NULL,
	"buffer_before_minutes" integer DEFAULT 0 NOT NULL,
	"buffer_after_minutes" integer DEFAULT 15 NOT NULL,
	"min_notice_minutes" integer DEFAULT 720 NOT NULL,
	"horizon_days" integer DEFAULT 60 NOT NULL,
	"slot_step_minutes" integer DEFAULT 30 NOT NULL,
	"cancel_cutoff_hours" integer DEFAULT 24 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheduling_settings_buffers" CHECK ("scheduling_settings"."buffer_before_minutes" BETWEEN 0 AND 240 AND "scheduling_settings"."buffer_after_minutes" BETWEEN 0 AND 240),
	CONSTRAINT "scheduling_settings_notice" CHECK ("scheduling_settings"."min_notice_minutes" BETWEEN 0 AND 43200),
	CONSTRAINT "scheduling_settings_horizon" CHECK ("scheduling_settings"."horizon_days" BETWEEN 1 AND 365),
	CONSTRAINT "scheduling_settings_step" CHECK ("scheduling_settings"."slot_step_minutes" IN (5, 10, 15, 20, 30, 45, 60, 90, 120)),
	CONSTRAINT "scheduling_settings_cutoff" CHECK ("scheduling_settings"."cancel_cutoff_hours" BETWEEN 0 AND 336)
);
--> statement-breakpoint
CREATE TABLE "session_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"name" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"price_rappen" integer NOT NULL,
	"mode" "session_mode" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_types_duration" CHECK ("session_types"."duration_minutes" BETWEEN 15 AND 480),
	CONSTRAINT "session_types_price_positive" CHECK ("session_types"."price_rappen" > 0)
);
--> statement-breakpoint
ALTER TABLE "availability_exceptions" ADD CONSTRAINT "availability_exceptions_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_session_type_id_session_types_id_fk" FOREIGN KEY ("session_type_id") REFERENCES "public"."session_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD CONSTRAINT "scheduling_settings_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_types" ADD CONSTRAINT "session_types_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "availability_exceptions_coach_date_idx" ON "availability_exceptions" USING btree ("coach_id","date");--> statement-breakpoint
CREATE INDEX "availability_rules_coach_idx" ON "availability_rules" USING btree ("coach_id","weekday");--> statement-breakpoint
CREATE INDEX "bookings_coach_start_idx" ON "bookings" USING btree ("coach_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_client_start_idx" ON "bookings" USING btree ("client_id","starts_at");--> statement-breakpoint
CREATE INDEX "session_types_coach_idx" ON "session_types" USING btree ("coach_id");