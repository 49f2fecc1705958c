//! Reply templates: Fluent (FTL) messages.
//!
//! - [`parse_file`] reads an FTL file into messages (key, body, attributes, variables) and terms;
//! - [`validate_body`] / [`variables_of`] check a single stored body;
//! - [`message_source`] writes a message back as FTL for export;
//! - [`Renderer`] renders a body in a locale with [`Args`], using fluent-bundle with CLDR plural
//!   rules and ICU4X number and date formatting.
//!
//! # Body format
//!
//! A template's text is stored as the source of its value pattern, dedented: a one-line
//! pattern is that line (`Hello { $buyer_name }!`); a multi-line one (several lines of text or
//! a select expression) is its lines without the 4-space FTL indentation:
//!
//! ```text
//! { $item_count ->
//!     [one] Your item has shipped.
//!    *[other] Your { $item_count } items have shipped.
//! }
//! ```
//!
//! `key =` followed by ` body` (one line) or by a newline and the lines indented by 4 spaces is
//! the FTL message again ([`message_source`]). Bodies from [`parse_file`] are canonical (the
//! fluent-syntax serializer's layout); [`canonical_body`] gives that form for any valid body.

mod icu;
mod parse;
mod render;
mod value;

#[cfg(test)]
mod tests;

pub use parse::{
    ParsedFile, ParsedMessage, ParsedTerm, canonical_body, is_identifier, message_source,
    parse_file, validate_body, variables_of,
};
pub use render::Renderer;
pub use value::{Args, DateValue, TimeOfDay, Value};
