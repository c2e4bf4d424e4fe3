-- An operator may disable an account (chat-server admin disable-user):
-- it cannot log in, refresh or identify until enabled again.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
