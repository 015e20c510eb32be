-- Spatial search (KNN over a GiST index of ll_to_earth) and substring search of Thai text.
-- All three ship with PostgreSQL contrib and with PGlite.
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
