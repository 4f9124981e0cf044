CREATE TYPE "public"."session_consent_kind" AS ENUM('recording', 'transcription');--> statement-breakpoint
DROP INDEX "recording_consents_booking_idx";--> statement-breakpoint
ALTER TABLE "recording_consents" ADD COLUMN "kind" "session_consent_kind" DEFAULT 'recording' NOT NULL;--> statement-breakpoint
ALTER TABLE "session_recordings" ADD COLUMN "encrypted_for" uuid;--> statement-breakpoint
CREATE INDEX "recording_consents_booking_idx" ON "recording_consents" USING btree ("booking_id","user_id","kind","created_at");