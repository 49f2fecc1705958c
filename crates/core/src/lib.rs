//! QuickReply core: everything the product does that does not need a window, a clipboard or a
//! hotkey. The desktop shell and the CLI are thin layers over its application layer
//! ([`app`]): one function per use case, so a rule exists once for both.

#![warn(missing_docs)]

pub mod app;
pub mod detect;
pub mod error;
pub mod import;
pub mod limits;
pub mod locale;
pub mod orders;
pub mod pack;
pub mod paste;
pub mod ports;
pub mod reply;
pub mod search;
pub mod store;
pub mod suggest;
pub mod team;
pub mod template;
pub mod translate;

pub use app::Library;
pub use error::{Code, Error, Result};
