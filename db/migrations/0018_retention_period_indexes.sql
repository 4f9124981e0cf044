CREATE INDEX "local_sessions_expires_idx" ON "local_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "webhook_events_received_idx" ON "webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "consent_events_created_idx" ON "consent_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "bookings_starts_idx" ON "bookings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "payments_occurred_idx" ON "payments" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "transcripts_created_idx" ON "transcripts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ai_analyses_created_idx" ON "ai_analyses" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ai_transmissions_sent_idx" ON "ai_transmissions" USING btree ("sent_at");