-- Message search: an FTS5 index of message content, kept in sync by
-- triggers in the same transaction as every insert, edit and delete
-- (cascades from channels, servers and users included).
--
-- message_search gives each message a stable integer key (messages has
-- no INTEGER PRIMARY KEY, so its rowid may change on VACUUM); the FTS5
-- table is contentless (it stores no copy of the text) and keyed by it.
-- unicode61 with remove_diacritics 2 folds case and accents; the prefix
-- index serves the last word's prefix match.
CREATE TABLE message_search (
    seq        INTEGER PRIMARY KEY,
    message_id BLOB NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE messages_fts USING fts5(
    content,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO message_search (message_id) SELECT id FROM messages ORDER BY id;
INSERT INTO messages_fts (rowid, content)
    SELECT s.seq, m.content FROM message_search s JOIN messages m ON m.id = s.message_id;

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search (message_id) VALUES (new.id);
    INSERT INTO messages_fts (rowid, content)
        SELECT seq, new.content FROM message_search WHERE message_id = new.id;
END;

CREATE TRIGGER messages_search_edit AFTER UPDATE OF content ON messages BEGIN
    DELETE FROM messages_fts
        WHERE rowid = (SELECT seq FROM message_search WHERE message_id = old.id);
    INSERT INTO messages_fts (rowid, content)
        SELECT seq, new.content FROM message_search WHERE message_id = new.id;
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM messages_fts
        WHERE rowid = (SELECT seq FROM message_search WHERE message_id = old.id);
    DELETE FROM message_search WHERE message_id = old.id;
END;
