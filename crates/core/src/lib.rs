//! QuickReply core: everything the product does that does not need a window, a clipboard or a
//! hotkey. The desktop shell and the CLI are thin layers over these modules.

pub mod detect;
pub mod error;
pub mod locale;
pub mod orders;
pub mod pack;
pub mod paste;
pub mod ports;
pub mod reply;
pub mod search;
pub mod store;
pub mod template;
pub mod translate;

pub use error::{Error, Result};
