//! Parsing FTL files into messages and terms, the stored "body" form of a pattern, and the
//! reverse: FTL source for export.
//!
//! # Body format
//!
//! A body is the source of one pattern (a message value or an attribute value) in a readable,
//! dedented form: a one-line pattern is stored as that line; a multi-line pattern (several text
//! lines, or any select expression) is stored as its lines with the 4-space FTL indentation
//! removed. [`message_source`] puts the indentation back. Bodies are produced by
//! `fluent_syntax::serializer`, so they are canonical: `{ $x }` with spaces, variants indented
//! by 4 with `*` in the indentation, and so on.

use std::collections::{BTreeSet, HashMap};

use fluent_syntax::ast::{
    Entry, Expression, Identifier, InlineExpression, Message, Pattern, Resource,
};
use fluent_syntax::{parser, serializer};

use crate::error::FtlError;
use crate::limits;

/// A message parsed from an FTL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMessage {
    /// The message id: the template key (`where-is-my-order`).
    pub key: String,
    /// The value pattern in body format (see the module docs).
    pub body: String,
    /// All attributes of the message, in file order: name -> pattern in body format.
    pub attributes: Vec<(String, String)>,
    /// Variable names used by the value (without `$`).
    pub variables: BTreeSet<String>,
}

/// A term parsed from an FTL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTerm {
    /// The term name without the leading `-`.
    pub name: String,
    /// The whole term as FTL text (`-name = ...` plus attributes), ending in `'\n'`; comments
    /// are not included. This is what [`crate::template::Renderer::render`] takes as `terms`.
    pub source: String,
}

/// Everything useful in one FTL file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedFile {
    /// Every message, in file order.
    pub messages: Vec<ParsedMessage>,
    /// Every term (`-shop-name`), in file order.
    pub terms: Vec<ParsedTerm>,
}

/// Indentation used for continuation lines, the same as the fluent-syntax serializer uses.
const INDENT: &str = "    ";

/// Parse one FTL file.
///
/// `file` is only used to name the file in errors. Windows line endings are accepted.
///
/// # Errors
///
/// Returns every problem found, sorted by position, each with a 1-based line and a 1-based
/// column counted in characters: syntax errors (each junk entry yields at least one), a
/// message with attributes but no value, a message key or term name defined twice.
pub fn parse_file(file: &str, source: &str) -> Result<ParsedFile, Vec<FtlError>> {
    // fluent-syntax keeps "\r" in text elements; normalising keeps bodies clean and does not
    // move any line or column (the "\r" is always the last character of a line).
    let normalized;
    let src = if source.contains('\r') {
        normalized = source.replace("\r\n", "\n");
        normalized.as_str()
    } else {
        source
    };

    if let Some(offset) = limits::too_deep(src) {
        return Err(vec![ftl_error(file, src, offset, too_deep_message())]);
    }
    let (resource, syntax_errors) = match parser::parse(src) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let mut errors: Vec<FtlError> = syntax_errors
        .iter()
        .map(|e| ftl_error(file, src, e.pos.start, e.kind.to_string()))
        .collect();

    let mut parsed = ParsedFile::default();
    // Where each key was first defined, as a byte offset: its line is counted only for the
    // error about a second definition (counting it for every entry made a 100 000-message
    // file take minutes).
    let mut message_lines: HashMap<&str, usize> = HashMap::new();
    let mut term_lines: HashMap<&str, usize> = HashMap::new();
    let mut saw_junk = false;

    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let name = message.id.name;
                let offset = offset_in(src, name);
                if let Some(&first) = message_lines.get(name) {
                    let (first, _) = line_col(src, first);
                    errors.push(ftl_error(
                        file,
                        src,
                        offset,
                        format!("duplicate message '{name}' (first defined on line {first})"),
                    ));
                    continue;
                }
                message_lines.insert(name, offset);
                let Some(value) = &message.value else {
                    errors.push(ftl_error(
                        file,
                        src,
                        offset,
                        format!("message '{name}' has no value (only attributes)"),
                    ));
                    continue;
                };
                if let Some(problem) = out_of_bounds(value) {
                    errors.push(ftl_error(
                        file,
                        src,
                        offset,
                        format!("message '{name}': {problem}"),
                    ));
                    continue;
                }
                parsed.messages.push(ParsedMessage {
                    key: name.to_string(),
                    body: pattern_body(value),
                    attributes: message
                        .attributes
                        .iter()
                        .map(|a| (a.id.name.to_string(), pattern_body(&a.value)))
                        .collect(),
                    variables: pattern_variables(value),
                });
            }
            Entry::Term(term) => {
                let name = term.id.name;
                let offset = offset_in(src, name);
                if let Some(&first) = term_lines.get(name) {
                    let (first, _) = line_col(src, first);
                    errors.push(ftl_error(
                        file,
                        src,
                        offset.saturating_sub(1),
                        format!("duplicate term '-{name}' (first defined on line {first})"),
                    ));
                    continue;
                }
                term_lines.insert(name, offset);
                let attributes: Vec<(String, String)> = term
                    .attributes
                    .iter()
                    .map(|a| (a.id.name.to_string(), pattern_body(&a.value)))
                    .collect();
                parsed.terms.push(ParsedTerm {
                    name: name.to_string(),
                    source: entry_source(
                        &format!("-{name}"),
                        &pattern_body(&term.value),
                        &attributes,
                    ),
                });
            }
            Entry::Junk { .. } => saw_junk = true,
            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => {}
        }
    }
    if saw_junk && syntax_errors.is_empty() {
        // The parser reports an error for every junk entry; this is a safety net.
        errors.push(ftl_error(
            file,
            src,
            0,
            "the file contains invalid entries".into(),
        ));
    }

    if errors.is_empty() {
        Ok(parsed)
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// Validate a single body (as stored) for message `key`.
///
/// Returns the variables the body uses (without `$`).
///
/// # Errors
///
/// Every syntax error, with line and column in the body text itself and the file named
/// `<key>`; also an error when the key is not a valid FTL identifier, when the body is empty
/// and when a line starts with `.` (FTL would read it as an attribute, not as text).
pub fn validate_body(key: &str, body: &str) -> Result<BTreeSet<String>, Vec<FtlError>> {
    let file = format!("<{key}>");
    let mut errors = Vec::new();
    if !is_identifier(key) {
        errors.push(FtlError {
            file: file.clone(),
            line: 1,
            column: 1,
            message: format!(
                "'{key}' is not a valid message key (start with a letter; then letters, digits, - or _)"
            ),
        });
    }
    match check_body(&file, body) {
        Ok(variables) if errors.is_empty() => Ok(variables),
        Ok(_) => Err(errors),
        Err(body_errors) => {
            errors.extend(body_errors);
            Err(errors)
        }
    }
}

/// [`validate_body`] without the key check; `file` names the body in errors.
pub(crate) fn check_body(file: &str, body: &str) -> Result<BTreeSet<String>, Vec<FtlError>> {
    let file = file.to_string();
    let mut errors = Vec::new();
    if body.len() > limits::MAX_TEMPLATE_BYTES {
        return Err(vec![FtlError {
            file,
            line: 1,
            column: 1,
            message: format!(
                "the text is {}, longer than the {} a reply may be",
                limits::size_text(body.len() as u64),
                limits::size_text(limits::MAX_TEMPLATE_BYTES as u64)
            ),
        }]);
    }
    if let Some(offset) = limits::too_deep(body) {
        let (line, column) = line_col(body, offset);
        return Err(vec![FtlError {
            file,
            line,
            column,
            message: too_deep_message(),
        }]);
    }
    let wrapped = wrap_body(body);
    let (resource, syntax_errors) = parse_lenient(&wrapped.source);
    // Map a position in the wrapped source back to the body: the first line is either on the
    // `m =` line after "m = " or on the next line after 4 spaces; both prefixes are 4 chars.
    let to_body = |offset: usize| -> (usize, usize) {
        // Errors at the end of input ("expected }") point after the last body character.
        if offset + 1 >= wrapped.source.len() {
            let last = body.rsplit('\n').next().unwrap_or("");
            return (body.split('\n').count(), last.chars().count() + 1);
        }
        let (line, column) = line_col(&wrapped.source, offset);
        let line = if wrapped.first_inline {
            line
        } else {
            line.saturating_sub(1)
        };
        let body_lines = body.split('\n').count();
        (
            line.clamp(1, body_lines.max(1)),
            column.saturating_sub(INDENT.len()).max(1),
        )
    };
    for e in &syntax_errors {
        let (line, column) = to_body(e.pos.start);
        errors.push(FtlError {
            file: file.clone(),
            line,
            column,
            message: e.kind.to_string(),
        });
    }
    if syntax_errors.is_empty() {
        match single_message(&resource) {
            Some(message) if message.value.is_none() && message.attributes.is_empty() => {
                errors.push(FtlError {
                    file: file.clone(),
                    line: 1,
                    column: 1,
                    message: "the template is empty".into(),
                });
            }
            Some(message) => {
                if let Some(problem) = message.value.as_ref().and_then(out_of_bounds) {
                    errors.push(FtlError {
                        file: file.clone(),
                        line: 1,
                        column: 1,
                        message: problem,
                    });
                }
                for attribute in &message.attributes {
                    let offset = offset_in(&wrapped.source, attribute.id.name).saturating_sub(1);
                    let (line, column) = to_body(offset);
                    errors.push(FtlError {
                        file: file.clone(),
                        line,
                        column,
                        message: "a line may not start with '.' (FTL reads it as an attribute); \
                                  write {\".\"} instead"
                            .into(),
                    });
                }
            }
            None => errors.push(FtlError {
                file: file.clone(),
                line: 1,
                column: 1,
                message: "the template is not a single message".into(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(single_message(&resource)
            .and_then(|m| m.value.as_ref())
            .map(pattern_variables)
            .unwrap_or_default())
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// Variables used by a body (without `$`); an empty set if the body does not parse.
#[must_use]
pub fn variables_of(body: &str) -> BTreeSet<String> {
    let wrapped = wrap_body(body);
    let (resource, errors) = parse_lenient(&wrapped.source);
    if !errors.is_empty() {
        return BTreeSet::new();
    }
    single_message(&resource)
        .and_then(|m| m.value.as_ref())
        .map(pattern_variables)
        .unwrap_or_default()
}

/// The canonical form of a body: what [`parse_file`] would store for it (for example
/// `Hi {$name}` becomes `Hi { $name }`). `None` if the body does not validate.
#[must_use]
pub fn canonical_body(body: &str) -> Option<String> {
    let wrapped = wrap_body(body);
    let (resource, errors) = parse_lenient(&wrapped.source);
    if !errors.is_empty() {
        return None;
    }
    let message = single_message(&resource)?;
    if !message.attributes.is_empty() {
        return None;
    }
    message.value.as_ref().map(pattern_body)
}

/// FTL source of a whole message for export: `key = ...` plus attributes `.name = ...` in the
/// given order, ending in `'\n'`. Parsing it with [`parse_file`] gives back the same body and
/// attributes.
#[must_use]
pub fn message_source(key: &str, body: &str, attributes: &[(String, String)]) -> String {
    entry_source(key, body, attributes)
}

/// `id = pattern` plus attributes; `id` is a message key or `-term`.
pub(crate) fn entry_source(id: &str, body: &str, attributes: &[(String, String)]) -> String {
    let mut out = String::with_capacity(id.len() + body.len() + 16);
    out.push_str(id);
    out.push_str(" =");
    push_pattern(&mut out, body, 1);
    for (name, value) in attributes {
        out.push('\n');
        out.push_str(INDENT);
        out.push('.');
        out.push_str(name);
        out.push_str(" =");
        push_pattern(&mut out, value, 2);
    }
    out.push('\n');
    out
}

/// Append ` body` or `\n` + indented lines after an `=`. Returns whether the first line was
/// written on the `=` line.
fn push_pattern(out: &mut String, body: &str, level: usize) -> bool {
    let Some((first, rest)) = body.split_once('\n') else {
        if !body.is_empty() {
            out.push(' ');
            out.push_str(body);
        }
        return true;
    };
    // A continuation line may not start with '.', '[' or '*' (attribute / variant syntax), but
    // the line right after '=' may: keep such a first line there. (The fluent-syntax
    // serializer does this for '.' only; a leading '[' would break its output.)
    let inline = first.starts_with(['.', '[', '*']);
    if inline {
        out.push(' ');
        out.push_str(first);
    } else {
        out.push('\n');
        push_line(out, first, level);
    }
    for line in rest.split('\n') {
        out.push('\n');
        push_line(out, line, level);
    }
    inline
}

fn push_line(out: &mut String, line: &str, level: usize) {
    // Blank lines stay empty: no trailing whitespace in exported files.
    if !line.is_empty() {
        for _ in 0..level {
            out.push_str(INDENT);
        }
        out.push_str(line);
    }
}

/// The body form of a parsed pattern, through the fluent-syntax serializer.
pub(crate) fn pattern_body(pattern: &Pattern<&str>) -> String {
    let resource = Resource {
        body: vec![Entry::Message(Message {
            id: Identifier { name: "k" },
            value: Some(pattern.clone()),
            attributes: Vec::new(),
            comment: None,
        })],
    };
    let text = serializer::serialize(&resource);
    let rest = text.strip_prefix("k =").unwrap_or(&text);
    let rest = rest.strip_suffix('\n').unwrap_or(rest);
    let (first_inline, rest) = match rest.strip_prefix(' ') {
        Some(r) => (true, r),
        None => (false, rest.strip_prefix('\n').unwrap_or(rest)),
    };
    let mut out = String::with_capacity(rest.len());
    for (i, line) in rest.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == 0 && first_inline {
            out.push_str(line);
        } else {
            out.push_str(strip_indent(line));
        }
    }
    out
}

/// Remove one level of serializer indentation (blank lines may carry it too).
fn strip_indent(line: &str) -> &str {
    let spaces = line
        .bytes()
        .take(INDENT.len())
        .take_while(|b| *b == b' ')
        .count();
    &line[spaces..]
}

/// A body wrapped into a one-message FTL source (`m = ...`).
pub(crate) struct WrappedBody {
    pub source: String,
    /// Whether the first body line sits on the `=` line (see [`push_pattern`]).
    pub first_inline: bool,
}

/// Message id used when a body is wrapped for parsing; any valid identifier works and keeps
/// validation independent of the key.
pub(crate) const BODY_ID: &str = "m";

pub(crate) fn wrap_body(body: &str) -> WrappedBody {
    let mut source = String::with_capacity(body.len() + 16);
    source.push_str(BODY_ID);
    source.push_str(" =");
    let first_inline = push_pattern(&mut source, body, 1);
    source.push('\n');
    WrappedBody {
        source,
        first_inline,
    }
}

/// Parse FTL source, keeping the partial resource on error.
pub(crate) fn parse_lenient(src: &str) -> (Resource<&str>, Vec<parser::ParserError>) {
    match parser::parse(src) {
        Ok(r) => (r, Vec::new()),
        Err((r, e)) => (r, e),
    }
}

/// The single message a wrapped body parses to, if that is what it parsed to.
pub(crate) fn single_message<'r, 's>(
    resource: &'r Resource<&'s str>,
) -> Option<&'r Message<&'s str>> {
    match resource.body.as_slice() {
        [Entry::Message(m)] if m.id.name == BODY_ID => Some(m),
        _ => None,
    }
}

/// Variables used by a pattern: placeables, selectors, function and term arguments.
pub(crate) fn pattern_variables<S: AsRef<str>>(pattern: &Pattern<S>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk_pattern(pattern, &mut |e| {
        if let InlineExpression::VariableReference { id } = e {
            out.insert(id.name.as_ref().to_string());
        }
    });
    out
}

fn too_deep_message() -> String {
    format!(
        "placeables are nested more than {} deep here: close the '{{' that opened too many",
        limits::MAX_PLACEABLE_DEPTH
    )
}

/// What makes a message too large to accept though it parses: a text past
/// [`limits::MAX_TEMPLATE_BYTES`], a selector with more than [`limits::MAX_SELECT_VARIANTS`].
fn out_of_bounds<S: AsRef<str>>(pattern: &Pattern<S>) -> Option<String> {
    fn variants<S: AsRef<str>>(pattern: &Pattern<S>, bytes: &mut usize) -> usize {
        let mut most = 0;
        for element in &pattern.elements {
            match element {
                fluent_syntax::ast::PatternElement::TextElement { value } => {
                    *bytes += value.as_ref().len();
                }
                fluent_syntax::ast::PatternElement::Placeable { expression } => {
                    most = most.max(in_expression(expression, bytes));
                }
            }
        }
        most
    }
    fn in_expression<S: AsRef<str>>(expression: &Expression<S>, bytes: &mut usize) -> usize {
        match expression {
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                in_expression(expression, bytes)
            }
            Expression::Inline(_) => 0,
            Expression::Select { variants: vs, .. } => vs
                .iter()
                .map(|v| variants(&v.value, bytes))
                .fold(vs.len(), usize::max),
        }
    }
    let mut bytes = 0;
    let most = variants(pattern, &mut bytes);
    if most > limits::MAX_SELECT_VARIANTS {
        return Some(format!(
            "a selector has {most} variants, more than the {} a reply may have: split it into \
             several replies",
            limits::MAX_SELECT_VARIANTS
        ));
    }
    if bytes > limits::MAX_TEMPLATE_BYTES {
        return Some(format!(
            "the text is {}, longer than the {} a reply may be",
            limits::size_text(bytes as u64),
            limits::size_text(limits::MAX_TEMPLATE_BYTES as u64)
        ));
    }
    None
}

/// Call `f` on every inline expression of a pattern, depth first.
pub(crate) fn walk_pattern<S>(pattern: &Pattern<S>, f: &mut impl FnMut(&InlineExpression<S>)) {
    for element in &pattern.elements {
        if let fluent_syntax::ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, f);
        }
    }
}

fn walk_expression<S>(expression: &Expression<S>, f: &mut impl FnMut(&InlineExpression<S>)) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, f),
        Expression::Select { selector, variants } => {
            walk_inline(selector, f);
            for variant in variants {
                walk_pattern(&variant.value, f);
            }
        }
    }
}

fn walk_inline<S>(inline: &InlineExpression<S>, f: &mut impl FnMut(&InlineExpression<S>)) {
    f(inline);
    match inline {
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for positional in &arguments.positional {
                walk_inline(positional, f);
            }
            for named in &arguments.named {
                walk_inline(&named.value, f);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, f),
        _ => {}
    }
}

/// FTL identifier: `[a-zA-Z][a-zA-Z0-9_-]*`.
pub fn is_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Byte offset of `part`, a slice borrowed from `src`, within `src` (0 if it is not one).
/// fluent-syntax 0.12 has no spans on entries, but the AST of a `&str` source is made of
/// sub-slices of it, so the address tells where an identifier is.
fn offset_in(src: &str, part: &str) -> usize {
    let start = src.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at <= start + src.len() {
        at - start
    } else {
        0
    }
}

/// 1-based line and 1-based column (in chars) of a byte offset.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn ftl_error(file: &str, src: &str, offset: usize, message: String) -> FtlError {
    let (line, column) = line_col(src, offset);
    FtlError {
        file: file.to_string(),
        line,
        column,
        message,
    }
}
