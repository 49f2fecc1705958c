//! Test support for QuickReply, kept out of the shipped crates.
//!
//! - [`ports`]: hand-written in-memory fakes of the core's OS ports (clipboard, key injector,
//!   focus, clock, keyring), so the paste pipeline and key handling are tested without a
//!   display, a keyring or real sleeping.
//! - [`mock_api`]: local HTTP servers that speak the DeepL, Google and OpenAI translation APIs,
//!   for provider contract tests and CLI tests.
//!
//! Use it only as a `[dev-dependencies]` entry: it is never a dependency of a shipped crate.

pub mod embedder;
pub mod mock_api;
pub mod ports;
