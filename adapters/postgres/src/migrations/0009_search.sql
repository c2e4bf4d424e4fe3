-- Message search. search_text is the content's words as the core folds
-- them (lower case, diacritics removed, Unicode-aware word breaks), one
-- space apart; the adapter writes it with every insert and edit, and
-- fills it for older rows at connect (NULL: not filled yet). The tsvector
-- is generated from it with the `simple` configuration (no stemming, no
-- stop words) and indexed with GIN; `word:*` serves the prefix match.
ALTER TABLE messages ADD COLUMN search_text text;
ALTER TABLE messages ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED;
CREATE INDEX messages_search ON messages USING gin (search_vector);
