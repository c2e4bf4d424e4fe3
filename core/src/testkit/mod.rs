//! The storage conformance suite (filled in by its own change).
