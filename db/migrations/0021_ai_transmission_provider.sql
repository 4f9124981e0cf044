ALTER TABLE "ai_transmissions" ADD COLUMN "host" text;--> statement-breakpoint
ALTER TABLE "ai_transmissions" ADD COLUMN "recipient" text;