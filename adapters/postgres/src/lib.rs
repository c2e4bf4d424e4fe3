//! PostgreSQL storage adapter for chat-core. (being built).
