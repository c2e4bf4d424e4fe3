//! Hand-written fakes of the core's small ports, for tests and examples:
//! a clock moved by hand, predictable ids, a fast hasher and readable
//! tokens. They are deterministic and **insecure**: never use
//! [`FastHasher`] or [`InsecureTestTokens`] to protect real accounts.

mod clock;
mod hasher;
mod ids;
mod mfa;
mod tokens;

pub use clock::ManualClock;
pub use hasher::FastHasher;
pub use ids::SequentialIds;
pub use mfa::FakeMfaCrypto;
pub use tokens::{InsecureTestTokens, ACCESS_TTL_SECONDS};
