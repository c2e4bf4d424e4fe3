//! Transfer: what moving a whole database from one store to another needs
//! beyond the other areas' ports (`chat-server migrate`): walking every
//! user, server and attachment in id order, reading a user's every read
//! marker and notification setting, and storing a membership as it was.
//! Everything else is read and written through the areas' own ports.

mod store;

pub use store::TransferStore;
