CREATE INDEX "email_outbox_user_idx" ON "email_outbox" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "journal_entries_prompt_idx" ON "journal_entries" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "journal_prompts_coach_idx" ON "journal_prompts" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "bookings_session_type_idx" ON "bookings" USING btree ("session_type_id");--> statement-breakpoint
CREATE INDEX "bookings_credit_grant_idx" ON "bookings" USING btree ("credit_grant_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_user_idx" ON "checkout_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_plan_idx" ON "checkout_sessions" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "credit_grants_subscription_idx" ON "credit_grants" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "credit_grants_session_type_idx" ON "credit_grants" USING btree ("session_type_id");--> statement-breakpoint
CREATE INDEX "plans_session_type_idx" ON "plans" USING btree ("session_type_id");--> statement-breakpoint
CREATE INDEX "subscriptions_plan_idx" ON "subscriptions" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "transcripts_recording_idx" ON "transcripts" USING btree ("recording_id");--> statement-breakpoint
CREATE INDEX "transcripts_created_by_idx" ON "transcripts" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "ai_analyses_client_idx" ON "ai_analyses" USING btree ("client_id");