//! Real authentication adapters: argon2id hashing and JWT access tokens. (being built).
