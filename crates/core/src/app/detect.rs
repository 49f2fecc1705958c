//! The language of buyer messages, as `quickreply detect` and the palette's helper process
//! report it.

use super::Library;
use crate::Result;
use crate::detect::{self, Detection, Hints};

/// Detects each text's language. The shop's default language (when a library is given)
/// settles Malay against Indonesian, which short messages cannot tell apart.
///
/// # Errors
/// Database failure reading the shop's default.
pub fn detect_all(library: Option<&Library>, texts: &[String]) -> Result<Vec<Option<Detection>>> {
    let shop_default = match library {
        Some(library) => library.store().setting("default_lang")?,
        None => None,
    };
    let hints = Hints {
        shop_default: shop_default.as_deref(),
        ..Hints::default()
    };
    Ok(texts.iter().map(|t| detect::detect(t, &hints)).collect())
}
