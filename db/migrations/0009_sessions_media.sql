CREATE TYPE "public"."recording_source" AS ENUM('daily', 'upload');--> statement-breakpoint
CREATE TYPE "public"."recording_status" AS ENUM('recording', 'downloading', 'stored', 'transcribing', 'transcribed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."transcript_source" AS ENUM('gladia', 'upload');--> statement-breakpoint
CREATE TABLE "session_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"source" "recording_source" NOT NULL,
	"status" "recording_status" NOT NULL,
	"daily_recording_id" text,
	"storage_key" text,
	"content_type" text,
	"size_bytes" integer,
	"duration_seconds" integer,
	"gladia_job_id" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"stored_at" timestamp with time zone,
	"transcribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_recordings_daily_recording_id_unique" UNIQUE("daily_recording_id"),
	CONSTRAINT "session_recordings_gladia_job_id_unique" UNIQUE("gladia_job_id")
);
--> statement-breakpoint
CREATE TABLE "transcripts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"recording_id" uuid,
	"source" "transcript_source" NOT NULL,
	"segments_enc" text NOT NULL,
	"segment_count" integer NOT NULL,
	"language" text,
	"shared_with_client" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcripts_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "transcripts_segments" CHECK ("transcripts"."segment_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "video_rooms" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"room_name" text NOT NULL,
	"room_url" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_rooms_room_name_unique" UNIQUE("room_name")
);
--> statement-breakpoint
ALTER TABLE "session_recordings" ADD CONSTRAINT "session_recordings_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_recording_id_session_recordings_id_fk" FOREIGN KEY ("recording_id") REFERENCES "public"."session_recordings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_rooms" ADD CONSTRAINT "video_rooms_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_recordings_booking_idx" ON "session_recordings" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "session_recordings_status_idx" ON "session_recordings" USING btree ("status","updated_at");