//! Machine translation of templates: masking placeables and verifying the result.
//!
//! # Why masking
//!
//! Machine-translation services do not know Fluent. Sent `Hello { $buyer_name }!`, they
//! translate or transliterate the variable name, drop the `$`, turn the braces into quotes,
//! move the spaces, or translate `NUMBER($total, style: "currency")` argument names; the
//! result no longer renders. [`mask`] therefore replaces every placeable (variables, function
//! calls, term and message references, literals) with an opaque token in a [`TokenStyle`] the
//! service keeps: `<x id="1"/>` for services with XML tag handling, `[[1]]` or `⟦1⟧` for the
//! others and for LLMs. Only the text between them is translated.
//!
//! # Select expressions
//!
//! A select expression (`{ $item_count -> [one] … *[other] … }`) is never sent whole: its
//! selector and variant keys are structure, not text. [`mask`] sends each variant's pattern as
//! its own segment (recursively for nested selects), plus the text before and after the select
//! as further segments; [`unmask`] puts the translated segments back in the same structure.
//! A target language may need more plural categories than the source has variants (Arabic
//! needs `zero`, `one`, `two`, `few`, `many`, `other`); [`missing_plural_categories`] lists
//! them so the caller can ask an LLM for the missing variants or mark the draft for review.
//!
//! # What verification guarantees
//!
//! [`unmask`] accepts a translation only if every token of every segment comes back exactly
//! once (reordering is fine), nothing unknown was invented, the service returned as many
//! segments as were sent, the rebuilt body parses as Fluent and uses exactly the source's
//! variables. Literal `{` / `}` the service wrote are escaped as `{"{"}` / `{"}"}`. So a
//! translation that lost or invented a placeholder never comes back usable: it comes back as
//! a list of [`Problem`]s. The caller retries once with [`TokenStyle::alternative`]; if that
//! fails too, it stores the draft as `needs_review` with [`describe_problems`] shown.
//!
//! ```
//! use quickreply_core::translate::{mask, unmask, TokenStyle};
//!
//! let masked = mask("Hello { $buyer_name }!", TokenStyle::Bracket).unwrap();
//! assert_eq!(masked.segments, ["Hello [[1]]!"]);
//! let body = unmask(&masked, &["Bonjour [[1]] !".to_string()]).unwrap();
//! assert_eq!(body, "Bonjour { $buyer_name } !");
//! assert!(unmask(&masked, &["Bonjour !".to_string()]).is_err());
//! ```

mod deepl;
mod draft;
mod google;
mod http;
mod keys;
mod mask;
mod openai;
mod plural;
mod provider;
mod registry;

#[cfg(test)]
mod tests;

pub use draft::{BROKEN_PLACEHOLDERS, Draft, back_translate, cache_key, translate_template};
pub use keys::{connect, store_key};
pub use mask::{
    Masked, Problem, Segment, TokenStyle, describe_problems, mask, unmask, unmask_for_review,
};
pub use plural::{
    add_plural_variants, category_examples, missing_plural_categories, plural_categories,
};
pub use provider::{MtError, MtRequest, MtResponse, ProviderConfig, ProviderKind, Translator};
