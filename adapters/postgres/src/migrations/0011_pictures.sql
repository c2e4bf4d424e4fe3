-- Avatars and server icons: the key of the current picture in the blob
-- store (a fresh random key per upload, so its URL can be cached forever);
-- NULL when none is set.
ALTER TABLE users ADD COLUMN avatar_key TEXT;
ALTER TABLE servers ADD COLUMN icon_key TEXT;
