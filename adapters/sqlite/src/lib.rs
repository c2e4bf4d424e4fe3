//! SQLite storage adapter for chat-core: the embedded, persistent default. (being built).
