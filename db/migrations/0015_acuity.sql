ALTER TABLE "bookings" ADD COLUMN "acuity_appointment_id" text;--> statement-breakpoint
ALTER TABLE "session_types" ADD COLUMN "acuity_appointment_type_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_acuity_appointment_idx" ON "bookings" USING btree ("acuity_appointment_id") WHERE "bookings"."acuity_appointment_id" IS NOT NULL;