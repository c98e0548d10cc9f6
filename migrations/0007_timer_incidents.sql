ALTER TABLE "timers" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "timers" ADD COLUMN "failed_at" timestamp with time zone;