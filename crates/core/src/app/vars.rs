//! Shop variables: values every template can use (shop name, signature, support hours…).

use super::Library;
use crate::{Error, Result};

/// A variable name as typed (`$shop_name`, ` shop_name `): trimmed, without the `$`.
#[must_use]
pub fn normalize_name(name: &str) -> &str {
    name.trim().trim_start_matches('$')
}

/// Sets shop variable `name` (a leading `$` is dropped).
///
/// # Errors
/// [`Error::Invalid`] for a name templates cannot use; database failure.
pub fn set(library: &Library, name: &str, value: &str) -> Result<()> {
    library.store().set_var(normalize_name(name), value)
}

/// Every shop variable, by name.
///
/// # Errors
/// Database failure.
pub fn list(library: &Library) -> Result<Vec<(String, String)>> {
    library.store().vars()
}

/// Parses a `NAME=VALUE` override (`--var`, the palette's form): the name is a variable name,
/// with or without `$`.
///
/// # Errors
/// [`Error::Invalid`] saying what is wrong.
pub fn parse_assignment(text: &str) -> Result<(String, String)> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| Error::Invalid(format!("'{text}' is not NAME=VALUE")))?;
    let name = normalize_name(name);
    crate::store::check_variable_name(name)?;
    Ok((name.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments_name_what_is_wrong() {
        assert_eq!(
            parse_assignment("$buyer_name=Ana = B").unwrap(),
            ("buyer_name".to_string(), "Ana = B".to_string())
        );
        assert!(
            parse_assignment("novalue")
                .unwrap_err()
                .to_string()
                .contains("NAME=VALUE")
        );
        assert!(
            parse_assignment("a b=1")
                .unwrap_err()
                .to_string()
                .contains("'a b'")
        );
    }
}
