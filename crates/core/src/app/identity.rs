//! Who is working: the name a review, a commit or an edit is recorded under.

/// The login name of the person at this desktop (`USER`, `USERNAME` on Windows, `LOGNAME`), used
/// when no reviewer name is given.
#[must_use]
pub fn login_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// The reviewer to record: the name given (trimmed), else the login name.
#[must_use]
pub fn reviewer(given: Option<&str>) -> Option<String> {
    given
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(login_name)
}
