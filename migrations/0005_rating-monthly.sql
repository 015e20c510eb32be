CREATE TABLE "rating_monthly" (
	"point_id" integer NOT NULL,
	"month" date NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"sum_overall" integer DEFAULT 0 NOT NULL,
	"score_1" integer DEFAULT 0 NOT NULL,
	"score_2" integer DEFAULT 0 NOT NULL,
	"score_3" integer DEFAULT 0 NOT NULL,
	"score_4" integer DEFAULT 0 NOT NULL,
	"score_5" integer DEFAULT 0 NOT NULL,
	"dimensions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"copy_demanded_yes" integer DEFAULT 0 NOT NULL,
	"copy_demanded_no" integer DEFAULT 0 NOT NULL,
	"followed_manual_yes" integer DEFAULT 0 NOT NULL,
	"followed_manual_no" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rating_monthly_point_id_month_pk" PRIMARY KEY("point_id","month")
);
--> statement-breakpoint
ALTER TABLE "rating_monthly" ADD CONSTRAINT "rating_monthly_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;