CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"organisation_id" integer,
	"point_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"public_note" text,
	"internal_note" text,
	"by_user_id" integer,
	"source" text DEFAULT 'office' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"image" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"point_id" integer,
	"organisation_id" integer NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address_text" text,
	"status" text DEFAULT 'received' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"public_answer" text,
	"contact_sealed" text,
	"consent_at" timestamp with time zone,
	"channel" text NOT NULL,
	"api_key_id" integer,
	"forward_status" text DEFAULT 'pending' NOT NULL,
	"forwarded_at" timestamp with time zone,
	"external_id" text,
	"retain_until" timestamp with time zone NOT NULL,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_tracking_number_unique" UNIQUE("tracking_number")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"code" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"postal_code" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emails" (
	"id" serial PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"date" date PRIMARY KEY NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"government_day_off" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hours_exceptions" (
	"point_id" integer NOT NULL,
	"date" date NOT NULL,
	"intervals" jsonb NOT NULL,
	"note_th" text,
	"note_en" text,
	CONSTRAINT "hours_exceptions_point_id_date_pk" PRIMARY KEY("point_id","date")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "jobs_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "manual_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"manual_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text,
	"issuing_agency_th" text,
	"issuing_agency_en" text,
	"government_issued" boolean NOT NULL,
	"identity" boolean DEFAULT false NOT NULL,
	"originals" integer DEFAULT 0 NOT NULL,
	"copies" integer DEFAULT 0 NOT NULL,
	"unit_th" text,
	"condition_th" text,
	"condition_en" text
);
--> statement-breakpoint
CREATE TABLE "manual_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"manual_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text,
	"duration_value" double precision NOT NULL,
	"duration_unit" text NOT NULL,
	"responsible_th" text,
	"responsible_en" text
);
--> statement-breakpoint
CREATE TABLE "manuals" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text,
	"synonyms_th" text[] DEFAULT '{}'::text[] NOT NULL,
	"synonyms_en" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_organisation_id" integer,
	"owner_agency_th" text NOT NULL,
	"owner_agency_en" text,
	"ministry_th" text,
	"ministry_en" text,
	"category_th" text,
	"category_en" text,
	"legal_basis" jsonb NOT NULL,
	"statutory_time_th" text,
	"statutory_time_en" text,
	"criteria_th" text,
	"criteria_en" text,
	"hours_th" text,
	"hours_en" text,
	"total_time_value" double precision,
	"total_time_unit" text,
	"fees" jsonb NOT NULL,
	"complaint_channels" jsonb NOT NULL,
	"offered_at" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_url" text,
	"source_note" text,
	"status" text DEFAULT 'published' NOT NULL,
	"search_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manuals_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"parent_id" integer,
	"path" text NOT NULL,
	"kind" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text,
	"abbr_th" text,
	"province_code" text,
	"district_code" text,
	"website" text,
	"phone" text,
	CONSTRAINT "organisations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"position" integer NOT NULL,
	"alt_th" text NOT NULL,
	"alt_en" text,
	"image" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "point_manuals" (
	"point_id" integer NOT NULL,
	"manual_id" integer NOT NULL,
	"local_note_th" text,
	"local_note_en" text,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"linked_by" integer,
	CONSTRAINT "point_manuals_point_id_manual_id_pk" PRIMARY KEY("point_id","manual_id")
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"code" text PRIMARY KEY NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"region_id" smallint,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_daily" (
	"point_id" integer NOT NULL,
	"day" date NOT NULL,
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
	CONSTRAINT "rating_daily_point_id_day_pk" PRIMARY KEY("point_id","day")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"overall" smallint NOT NULL,
	"ease" smallint,
	"timeliness" smallint,
	"courtesy" smallint,
	"fairness" smallint,
	"facilities" smallint,
	"outcome" smallint,
	"trust" smallint,
	"manual_id" integer,
	"followed_manual" text,
	"copy_demanded" text,
	"comment" text,
	"comment_status" text DEFAULT 'none' NOT NULL,
	"held_reason" text,
	"reply" text,
	"reply_at" timestamp with time zone,
	"reply_by" integer,
	"device_hash" text,
	"network_hash" text,
	"counted" boolean DEFAULT true NOT NULL,
	"replaced_by" bigint,
	"proof_of_work" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"organisation_id" integer,
	"province_code" text,
	"district_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text,
	"address_th" text,
	"address_en" text,
	"province_code" text NOT NULL,
	"district_code" text NOT NULL,
	"subdistrict_code" text,
	"postal_code" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"pin_accuracy_m" double precision,
	"pin_method" text NOT NULL,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pinned_by" integer,
	"verification" text DEFAULT 'unverified' NOT NULL,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"website" text,
	"email" text,
	"hours" jsonb NOT NULL,
	"closed_on_holidays" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"manuals_confirmed_at" timestamp with time zone,
	"posters_printed_at" timestamp with time zone,
	"search_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_points_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"second_factor_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "subdistricts" (
	"code" text PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"province_code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"postal_code" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" integer
);
--> statement-breakpoint
CREATE TABLE "survey_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"questionnaire" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"phone" text,
	"organisation_id" integer NOT NULL,
	"status" text DEFAULT 'unverified' NOT NULL,
	"email_verified_at" timestamp with time zone,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"totp_secret" text,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"locale" text DEFAULT 'th' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "zero_copy_statuses" (
	"point_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"status" text NOT NULL,
	"method" text,
	"reason" text,
	"plan_date" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "zero_copy_statuses_point_id_document_id_pk" PRIMARY KEY("point_id","document_id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_photos" ADD CONSTRAINT "complaint_photos_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_tokens" ADD CONSTRAINT "email_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_exceptions" ADD CONSTRAINT "hours_exceptions_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_documents" ADD CONSTRAINT "manual_documents_manual_id_manuals_id_fk" FOREIGN KEY ("manual_id") REFERENCES "public"."manuals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_steps" ADD CONSTRAINT "manual_steps_manual_id_manuals_id_fk" FOREIGN KEY ("manual_id") REFERENCES "public"."manuals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manuals" ADD CONSTRAINT "manuals_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_manuals" ADD CONSTRAINT "point_manuals_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_manuals" ADD CONSTRAINT "point_manuals_manual_id_manuals_id_fk" FOREIGN KEY ("manual_id") REFERENCES "public"."manuals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_manuals" ADD CONSTRAINT "point_manuals_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_daily" ADD CONSTRAINT "rating_daily_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_manual_id_manuals_id_fk" FOREIGN KEY ("manual_id") REFERENCES "public"."manuals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_reply_by_users_id_fk" FOREIGN KEY ("reply_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_subdistrict_code_subdistricts_code_fk" FOREIGN KEY ("subdistrict_code") REFERENCES "public"."subdistricts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_pinned_by_users_id_fk" FOREIGN KEY ("pinned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subdistricts" ADD CONSTRAINT "subdistricts_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subdistricts" ADD CONSTRAINT "subdistricts_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_round_id_survey_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."survey_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zero_copy_statuses" ADD CONSTRAINT "zero_copy_statuses_point_id_service_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."service_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zero_copy_statuses" ADD CONSTRAINT "zero_copy_statuses_document_id_manual_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."manual_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zero_copy_statuses" ADD CONSTRAINT "zero_copy_statuses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_point_idx" ON "audit_log" USING btree ("point_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_organisation_idx" ON "audit_log" USING btree ("organisation_id","at");--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE INDEX "complaints_point_idx" ON "complaints" USING btree ("point_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_organisation_idx" ON "complaints" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "districts_province_idx" ON "districts" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "manual_documents_manual_idx" ON "manual_documents" USING btree ("manual_id","position");--> statement-breakpoint
CREATE INDEX "manual_steps_manual_idx" ON "manual_steps" USING btree ("manual_id","position");--> statement-breakpoint
CREATE INDEX "manuals_search_idx" ON "manuals" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "organisations_path_idx" ON "organisations" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organisations_area_idx" ON "organisations" USING btree ("province_code","district_code");--> statement-breakpoint
CREATE INDEX "photos_point_idx" ON "photos" USING btree ("point_id","position");--> statement-breakpoint
CREATE INDEX "point_manuals_manual_idx" ON "point_manuals" USING btree ("manual_id","point_id");--> statement-breakpoint
CREATE INDEX "rating_daily_day_idx" ON "rating_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "ratings_point_idx" ON "ratings" USING btree ("point_id","created_at");--> statement-breakpoint
CREATE INDEX "ratings_device_idx" ON "ratings" USING btree ("point_id","device_hash","day");--> statement-breakpoint
CREATE INDEX "ratings_comments_idx" ON "ratings" USING btree ("point_id","comment_status","created_at");--> statement-breakpoint
CREATE INDEX "role_grants_user_idx" ON "role_grants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "service_points_organisation_idx" ON "service_points" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "service_points_area_idx" ON "service_points" USING btree ("province_code","district_code");--> statement-breakpoint
CREATE INDEX "service_points_earth_idx" ON "service_points" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "service_points_search_idx" ON "service_points" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subdistricts_district_idx" ON "subdistricts" USING btree ("district_code");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_round_org_idx" ON "survey_responses" USING btree ("round_id","organisation_id");