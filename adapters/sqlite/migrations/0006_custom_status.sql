-- A user's custom status text ("In a meeting"), 1–128 characters, or NULL.
ALTER TABLE users ADD COLUMN custom_status TEXT;
