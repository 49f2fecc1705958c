//! Masking placeables as tokens before machine translation, and putting them back afterwards.

use std::fmt;

use fluent_syntax::ast::{
    Entry, Expression, Identifier, InlineExpression, Message, Pattern, PatternElement, Resource,
    Variant,
};
use fluent_syntax::{parser, serializer};

use crate::template::{message_source, parse_file, validate_body, variables_of};

/// How placeables are written in the text sent to a machine-translation service.
///
/// Try [`TokenStyle::Xml`] first with services that have XML tag handling (DeepL
/// `tag_handling=xml`, Google `format=html`), [`TokenStyle::Bracket`] with plain-text services,
/// and use [`TokenStyle::alternative`] for the retry after a failed verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenStyle {
    /// `<x id="1"/>`: an empty XML element, which tag-handling services keep in place and never
    /// translate. Text `<`, `>` and `&` are sent as XML entities and decoded on the way back.
    Xml,
    /// `[[1]]`: for plain-text services.
    Bracket,
    /// `⟦1⟧` (U+27E6 / U+27E7): a pair of brackets that never occurs in shop text and that LLMs
    /// copy through unchanged. (Not `#1#`: `#1` is common in real text, "order #1".)
    Hash,
}

impl TokenStyle {
    /// Every style, in the order a caller without tag handling would try them.
    pub const ALL: [TokenStyle; 3] = [TokenStyle::Xml, TokenStyle::Bracket, TokenStyle::Hash];

    /// The token for placeable number `n` (1-based) in this style.
    #[must_use]
    pub fn token(self, n: usize) -> String {
        match self {
            TokenStyle::Xml => format!("<x id=\"{n}\"/>"),
            TokenStyle::Bracket => format!("[[{n}]]"),
            TokenStyle::Hash => format!("\u{27e6}{n}\u{27e7}"),
        }
    }

    /// The style to retry with after this one failed verification: XML → bracket → hash →
    /// bracket.
    #[must_use]
    pub fn alternative(self) -> TokenStyle {
        match self {
            TokenStyle::Xml | TokenStyle::Hash => TokenStyle::Bracket,
            TokenStyle::Bracket => TokenStyle::Hash,
        }
    }

    fn opener(self) -> &'static str {
        match self {
            TokenStyle::Xml => "<x",
            TokenStyle::Bracket => "[[",
            TokenStyle::Hash => "\u{27e6}",
        }
    }
}

/// One translatable piece of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The masked text sent to machine translation (the same as `Masked::segments[i]`).
    pub text: String,
    /// FTL source of each placeable, in token order: `placeables[0]` is token 1.
    pub placeables: Vec<String>,
    /// Whitespace cut from the start and end of the text; put back by [`unmask`], so a service
    /// that trims its input cannot glue a segment to the select expression next to it.
    lead: String,
    trail: String,
}

/// A body prepared for machine translation; see [`mask`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    /// The texts to translate, in order. Send them all (as a batch) and pass the translations
    /// to [`unmask`] in the same order.
    pub segments: Vec<String>,
    /// The token style the segments use.
    pub style: TokenStyle,
    /// The source body; its structure (select expressions, untranslatable runs) is rebuilt
    /// from it.
    body: String,
    details: Vec<Segment>,
}

impl Masked {
    /// Details of every segment (the placeable behind each token), in the order of
    /// [`Masked::segments`].
    #[must_use]
    pub fn details(&self) -> &[Segment] {
        &self.details
    }

    /// The source body that was masked.
    #[must_use]
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// Why a machine translation could not be put back into a template.
///
/// `segment` is the 0-based index into [`Masked::segments`]; `Display` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A placeholder of the source is not in the translated segment.
    MissingToken {
        /// 0-based index of the segment.
        segment: usize,
        /// The token as sent (`[[1]]`).
        token: String,
        /// FTL source of the placeable behind the token, e.g. `{ $name }`.
        placeable: String,
    },
    /// A placeholder occurs more than once in the translated segment.
    DuplicatedToken {
        /// 0-based index of the segment.
        segment: usize,
        /// The token as sent (`[[1]]`).
        token: String,
        /// FTL source of the placeable behind the token.
        placeable: String,
        /// How often it occurs (2 or more).
        count: usize,
    },
    /// The translated segment contains a placeholder that the source segment does not have.
    UnknownToken {
        /// 0-based index of the segment.
        segment: usize,
        /// The token as it appears in the translation.
        token: String,
    },
    /// The service returned a different number of segments than were sent.
    SegmentCount {
        /// Segments sent.
        expected: usize,
        /// Segments returned.
        got: usize,
    },
    /// The rebuilt template is not valid Fluent; the text is the parser's complaint.
    Unparsable(String),
    /// The rebuilt template uses other variables than the source (names without `$`).
    VariablesDiffer {
        /// Variables of the source that the translation lacks.
        missing: Vec<String>,
        /// Variables the translation has and the source does not.
        extra: Vec<String>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingToken {
                segment,
                token,
                placeable,
            } => write!(
                f,
                "segment {}: the placeholder {token} (for {placeable}) is missing from the translation",
                segment + 1
            ),
            Problem::DuplicatedToken {
                segment,
                token,
                placeable,
                count,
            } => write!(
                f,
                "segment {}: the placeholder {token} (for {placeable}) appears {count} times in the \
                 translation; it must appear once",
                segment + 1
            ),
            Problem::UnknownToken { segment, token } => write!(
                f,
                "segment {}: the translation contains {token}, which is not a placeholder of the source",
                segment + 1
            ),
            Problem::SegmentCount { expected, got } => write!(
                f,
                "the translation service returned {got} segment(s) for the {expected} sent"
            ),
            Problem::Unparsable(message) => {
                write!(f, "the translation is not valid Fluent: {message}")
            }
            Problem::VariablesDiffer { missing, extra } => {
                let list = |names: &[String]| {
                    names
                        .iter()
                        .map(|n| format!("${n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                write!(f, "the translation uses other variables than the source")?;
                if !missing.is_empty() {
                    write!(f, "; missing {}", list(missing))?;
                }
                if !extra.is_empty() {
                    write!(f, "; extra {}", list(extra))?;
                }
                Ok(())
            }
        }
    }
}

/// All problems as one text, one per line: what a draft marked `needs_review` shows.
#[must_use]
pub fn describe_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Split a body into translatable segments with every placeable masked as a token.
///
/// A plain pattern is one segment. A select expression is not sent: each of its variants is
/// masked recursively (so every variant is translated on its own), and the text before and
/// after it forms segments of its own. Inside a segment every placeable (variable, function
/// call, term or message reference, string or number literal) becomes a token numbered from 1;
/// only `{"{"}` and `{"}"}` are kept as text (they are escaped again by [`unmask`]). Runs with
/// no text (only whitespace and placeables) are not sent and are kept as they are.
///
/// # Errors
///
/// [`crate::Error::Ftl`] when the body is not a valid template (see
/// [`crate::template::validate_body`]).
pub fn mask(body: &str, style: TokenStyle) -> crate::Result<Masked> {
    validate_body("m", body).map_err(crate::Error::Ftl)?;
    let details = with_pattern(body, |pattern| {
        let mut out = Vec::new();
        mask_pattern(pattern, style, &mut out);
        out
    })
    .ok_or_else(|| crate::Error::Invalid("the template could not be parsed".into()))?;
    Ok(Masked {
        segments: details.iter().map(|s| s.text.clone()).collect(),
        style,
        body: body.to_string(),
        details,
    })
}

/// Put translated segments back into the body and verify the result.
///
/// `translated[i]` is the translation of `masked.segments[i]`. Each token must appear exactly
/// once in its segment (any order); literal `{` and `}` in the translation are escaped as
/// `{"{"}` / `{"}"}`, as is a `[`, `*` or `.` starting a line; surrounding whitespace of each
/// segment is restored. The result must parse as Fluent and use the same variables as the
/// source. Returns the new body in canonical form.
///
/// # Errors
///
/// Every [`Problem`] found: a wrong number of segments; missing, duplicated or unknown tokens
/// (all segments are checked); a result that is not valid Fluent; different variables. A
/// translation that lost or invented a placeholder is never returned.
pub fn unmask(masked: &Masked, translated: &[String]) -> Result<String, Vec<Problem>> {
    if translated.len() != masked.details.len() {
        return Err(vec![Problem::SegmentCount {
            expected: masked.details.len(),
            got: translated.len(),
        }]);
    }
    let mut problems = Vec::new();
    let mut pieces = Vec::with_capacity(translated.len());
    for (index, (segment, text)) in masked.details.iter().zip(translated).enumerate() {
        match segment_pieces(index, segment, text, masked.style, false) {
            Ok(p) => pieces.push(p),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    rebuild(masked, &pieces)
}

/// The closest reviewable body to a translation that failed [`unmask`]: the tokens that came
/// back are put back, lost ones stay lost and invented ones stay visible as text, so a
/// reviewer sees what the service did and can fix it. Always valid Fluent. Never use it
/// without marking the result `needs_review`.
#[must_use]
pub fn unmask_for_review(masked: &Masked, translated: &[String]) -> String {
    let lenient = || -> Result<String, Vec<Problem>> {
        if translated.len() != masked.details.len() {
            return Err(Vec::new());
        }
        let pieces = masked
            .details
            .iter()
            .zip(translated)
            .enumerate()
            .map(|(i, (segment, text))| segment_pieces(i, segment, text, masked.style, true))
            .collect::<Result<Vec<_>, _>>()?;
        rebuild(masked, &pieces)
    };
    lenient().unwrap_or_else(|_| {
        // Not even the structure survived: the raw texts, as plain Fluent text.
        let mut pieces = Vec::new();
        escape_text(&translated.join("\n"), &mut pieces);
        let raw = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Literal(l) => format!("{{\"{l}\"}}"),
                Piece::Token(_) => String::new(),
            })
            .collect::<String>();
        let raw = raw.trim();
        if validate_body("m", raw).is_ok() {
            raw.to_string()
        } else {
            masked.body.clone()
        }
    })
}

/// Serialize the source structure with translated pieces, re-parse it and check variables.
fn rebuild(masked: &Masked, pieces: &[Vec<Piece>]) -> Result<String, Vec<Problem>> {
    let source = with_pattern(&masked.body, |pattern| {
        let mut next = 0;
        let rebuilt = rebuild_pattern(pattern, pieces, &mut next);
        serializer::serialize(&Resource {
            body: vec![Entry::Message(Message {
                id: Identifier { name: "m" },
                value: Some(rebuilt),
                attributes: Vec::new(),
                comment: None,
            })],
        })
    })
    .ok_or_else(|| {
        vec![Problem::Unparsable(
            "the source template does not parse".into(),
        )]
    })?;

    let unparsable = |errors: Vec<crate::error::FtlError>| {
        vec![Problem::Unparsable(
            errors
                .iter()
                .map(|e| format!("line {}, column {}: {}", e.line, e.column, e.message))
                .collect::<Vec<_>>()
                .join("; "),
        )]
    };
    let parsed = parse_file("translation", &source).map_err(unparsable)?;
    let body = match parsed.messages.as_slice() {
        [message] if message.attributes.is_empty() => message.body.clone(),
        _ => {
            return Err(vec![Problem::Unparsable(
                "the translation does not form a single message".into(),
            )]);
        }
    };
    let variables = validate_body("m", &body).map_err(unparsable)?;
    let expected = variables_of(&masked.body);
    if variables != expected {
        return Err(vec![Problem::VariablesDiffer {
            missing: expected.difference(&variables).cloned().collect(),
            extra: variables.difference(&expected).cloned().collect(),
        }]);
    }
    Ok(body)
}

/// Run `f` on the value pattern of a body; `None` if it does not parse.
pub(crate) fn with_pattern<T>(body: &str, f: impl FnOnce(&Pattern<&str>) -> T) -> Option<T> {
    let source = message_source("m", body, &[]);
    let resource = parser::parse(source.as_str()).ok()?;
    match resource.body.as_slice() {
        [
            Entry::Message(Message {
                value: Some(pattern),
                attributes,
                ..
            }),
        ] if attributes.is_empty() => Some(f(pattern)),
        _ => None,
    }
}

/// A pattern cut at its select expressions.
enum Run<'p, 's> {
    /// Consecutive text and inline placeables.
    Plain(&'p [PatternElement<&'s str>]),
    /// A select expression placeable: selector and variants.
    Select(&'p InlineExpression<&'s str>, &'p [Variant<&'s str>]),
}

fn runs<'p, 's>(pattern: &'p Pattern<&'s str>) -> Vec<Run<'p, 's>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, element) in pattern.elements.iter().enumerate() {
        if let PatternElement::Placeable {
            expression: Expression::Select { selector, variants },
        } = element
        {
            if start < i {
                out.push(Run::Plain(&pattern.elements[start..i]));
            }
            out.push(Run::Select(selector, variants));
            start = i + 1;
        }
    }
    if start < pattern.elements.len() {
        out.push(Run::Plain(&pattern.elements[start..]));
    }
    out
}

/// `Some("{")` / `Some("}")` for a placeable that is just a brace string literal.
fn brace_literal(element: &PatternElement<&str>) -> Option<&'static str> {
    match element {
        PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::StringLiteral { value }),
        } => match *value {
            "{" => Some("{"),
            "}" => Some("}"),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a run has anything to translate.
fn translatable(run: &[PatternElement<&str>]) -> bool {
    run.iter().any(|element| match element {
        PatternElement::TextElement { value } => !value.trim().is_empty(),
        other => brace_literal(other).is_some(),
    })
}

fn mask_pattern(pattern: &Pattern<&str>, style: TokenStyle, out: &mut Vec<Segment>) {
    for run in runs(pattern) {
        match run {
            Run::Select(_, variants) => {
                for variant in variants {
                    mask_pattern(&variant.value, style, out);
                }
            }
            Run::Plain(elements) if translatable(elements) => {
                out.push(mask_run(elements, style));
            }
            Run::Plain(_) => {}
        }
    }
}

fn mask_run(elements: &[PatternElement<&str>], style: TokenStyle) -> Segment {
    let mut text = String::new();
    let mut placeables = Vec::new();
    for element in elements {
        match element {
            PatternElement::TextElement { value } => {
                if style == TokenStyle::Xml {
                    xml_escape_into(&mut text, value);
                } else {
                    text.push_str(value);
                }
            }
            other => {
                if let Some(brace) = brace_literal(other) {
                    text.push_str(brace);
                } else {
                    placeables.push(element_source(other));
                    text.push_str(&style.token(placeables.len()));
                }
            }
        }
    }
    let trimmed_start = text.trim_start();
    let lead = text[..text.len() - trimmed_start.len()].to_string();
    let trimmed = trimmed_start.trim_end();
    let trail = trimmed_start[trimmed.len()..].to_string();
    Segment {
        text: trimmed.to_string(),
        placeables,
        lead,
        trail,
    }
}

/// FTL source of one placeable, e.g. `{ $name }`.
fn element_source(element: &PatternElement<&str>) -> String {
    let text = serializer::serialize(&Resource {
        body: vec![Entry::Message(Message {
            id: Identifier { name: "m" },
            value: Some(Pattern {
                elements: vec![element.clone()],
            }),
            attributes: Vec::new(),
            comment: None,
        })],
    });
    text.strip_prefix("m = ")
        .unwrap_or(&text)
        .trim_end()
        .to_string()
}

fn xml_escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    if let Some(hex) = entity.strip_prefix("#x").or(entity.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                    } else if let Some(dec) = entity.strip_prefix('#') {
                        dec.parse().ok().and_then(char::from_u32)
                    } else {
                        None
                    }
                }
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A piece of a translated segment, ready to become pattern elements.
#[derive(Debug)]
enum Piece {
    Text(String),
    /// A character that must be written as a string literal placeable.
    Literal(&'static str),
    /// Placeable `n` (0-based) of the source run.
    Token(usize),
}

/// A translated segment cut into text and tokens.
enum Part<'t> {
    Text(&'t str),
    Token { number: Option<usize>, raw: &'t str },
}

fn scan(style: TokenStyle, text: &str) -> Vec<Part<'_>> {
    let opener = style.opener();
    let step = opener.chars().next().map_or(1, char::len_utf8);
    let mut parts = Vec::new();
    let mut text_start = 0;
    let mut search = 0;
    while let Some(rel) = text[search..].find(opener) {
        let at = search + rel;
        if let Some((number, len)) = match_token(style, &text[at..]) {
            if text_start < at {
                parts.push(Part::Text(&text[text_start..at]));
            }
            parts.push(Part::Token {
                number,
                raw: &text[at..at + len],
            });
            text_start = at + len;
            search = text_start;
        } else {
            search = at + step;
        }
    }
    if text_start < text.len() {
        parts.push(Part::Text(&text[text_start..]));
    }
    parts
}

struct Cursor<'t> {
    s: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &'t str {
        &self.s[self.pos..]
    }
    fn eat(&mut self, what: &str) -> Option<()> {
        self.rest()
            .starts_with(what)
            .then(|| self.pos += what.len())
    }
    /// Skip spaces; whether there were any.
    fn ws(&mut self) -> bool {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start().len();
        self.pos += skipped;
        skipped > 0
    }
    fn digits(&mut self) -> Option<&'t str> {
        let rest = self.rest();
        let len = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (len > 0).then(|| {
            self.pos += len;
            &rest[..len]
        })
    }
}

/// Match a token at the start of `s`: its number (`None` if too large) and byte length.
/// Lenient about what services do to tokens: spaces, quotes, `<x id="1"></x>`.
fn match_token(style: TokenStyle, s: &str) -> Option<(Option<usize>, usize)> {
    let mut c = Cursor { s, pos: 0 };
    let digits = match style {
        TokenStyle::Xml => {
            c.eat("<x")?;
            if !c.ws() {
                return None;
            }
            c.eat("id")?;
            c.ws();
            c.eat("=")?;
            c.ws();
            let quote = ["\"", "'"].into_iter().find(|q| c.rest().starts_with(q));
            if let Some(q) = quote {
                c.eat(q)?;
            }
            let digits = c.digits()?;
            if let Some(q) = quote {
                c.eat(q)?;
            }
            c.ws();
            let self_closing = c.eat("/").is_some();
            c.eat(">")?;
            if !self_closing {
                let save = c.pos;
                c.ws();
                if c.eat("</x>").is_none() {
                    c.pos = save;
                }
            }
            digits
        }
        TokenStyle::Bracket | TokenStyle::Hash => {
            let (open, close) = if style == TokenStyle::Bracket {
                ("[[", "]]")
            } else {
                ("\u{27e6}", "\u{27e7}")
            };
            c.eat(open)?;
            c.ws();
            let digits = c.digits()?;
            c.ws();
            c.eat(close)?;
            digits
        }
    };
    Some((digits.parse().ok(), c.pos))
}

/// Check one translated segment and cut it into pieces.
fn segment_pieces(
    index: usize,
    segment: &Segment,
    translated: &str,
    style: TokenStyle,
    lenient: bool,
) -> Result<Vec<Piece>, Vec<Problem>> {
    let normalized = translated.replace("\r\n", "\n");
    let parts = scan(style, normalized.trim());
    let count = segment.placeables.len();
    let mut seen = vec![0usize; count];
    let mut problems = Vec::new();
    for part in &parts {
        if let Part::Token { number, raw } = part {
            match number {
                Some(n) if (1..=count).contains(n) => seen[n - 1] += 1,
                _ => problems.push(Problem::UnknownToken {
                    segment: index,
                    token: (*raw).to_string(),
                }),
            }
        }
    }
    for (i, times) in seen.iter().enumerate() {
        let token = style.token(i + 1);
        let placeable = segment.placeables[i].clone();
        match *times {
            0 => problems.push(Problem::MissingToken {
                segment: index,
                token,
                placeable,
            }),
            1 => {}
            n => problems.push(Problem::DuplicatedToken {
                segment: index,
                token,
                placeable,
                count: n,
            }),
        }
    }
    if !problems.is_empty() && !lenient {
        return Err(problems);
    }

    // Text and tokens, with the segment's whitespace around them; adjacent texts merged.
    let mut merged: Vec<Result<String, usize>> = vec![Ok(segment.lead.clone())];
    for part in parts {
        match part {
            Part::Text(text) => {
                let text = if style == TokenStyle::Xml {
                    xml_unescape(text)
                } else {
                    text.to_string()
                };
                if let Some(Ok(last)) = merged.last_mut() {
                    last.push_str(&text);
                } else {
                    merged.push(Ok(text));
                }
            }
            // An invented token is only possible here in lenient mode: it stays visible text.
            Part::Token { number, raw } => match number {
                Some(n) if (1..=count).contains(&n) => merged.push(Err(n - 1)),
                _ => {
                    if let Some(Ok(last)) = merged.last_mut() {
                        last.push_str(raw);
                    } else {
                        merged.push(Ok(raw.to_string()));
                    }
                }
            },
        }
    }
    if let Some(Ok(last)) = merged.last_mut() {
        last.push_str(&segment.trail);
    } else {
        merged.push(Ok(segment.trail.clone()));
    }

    let mut pieces = Vec::new();
    for item in merged {
        match item {
            Ok(text) => escape_text(&text, &mut pieces),
            Err(n) => pieces.push(Piece::Token(n)),
        }
    }
    Ok(pieces)
}

/// Text as Fluent text: braces, and `[` `*` `.` at the start of a line, become literals.
fn escape_text(text: &str, pieces: &mut Vec<Piece>) {
    let mut current = String::new();
    let mut line_start = false;
    for c in text.chars() {
        let literal = match c {
            '{' => Some("{"),
            '}' => Some("}"),
            '[' if line_start => Some("["),
            '*' if line_start => Some("*"),
            '.' if line_start => Some("."),
            _ => None,
        };
        match c {
            '\n' => line_start = true,
            ' ' => {}
            _ => line_start = false,
        }
        if let Some(literal) = literal {
            if !current.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut current)));
            }
            pieces.push(Piece::Literal(literal));
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        pieces.push(Piece::Text(current));
    }
}

/// The source pattern with each translatable run replaced by the next segment's pieces.
fn rebuild_pattern<'a>(
    pattern: &Pattern<&'a str>,
    segments: &'a [Vec<Piece>],
    next: &mut usize,
) -> Pattern<&'a str> {
    let mut elements = Vec::new();
    for run in runs(pattern) {
        match run {
            Run::Select(selector, variants) => elements.push(PatternElement::Placeable {
                expression: Expression::Select {
                    selector: selector.clone(),
                    variants: variants
                        .iter()
                        .map(|v| Variant {
                            key: v.key.clone(),
                            value: rebuild_pattern(&v.value, segments, next),
                            default: v.default,
                        })
                        .collect(),
                },
            }),
            Run::Plain(run) if translatable(run) => {
                let placeables: Vec<&PatternElement<&str>> = run
                    .iter()
                    .filter(|e| {
                        !matches!(e, PatternElement::TextElement { .. })
                            && brace_literal(e).is_none()
                    })
                    .collect();
                let Some(pieces) = segments.get(*next) else {
                    // Cannot happen: unmask checked the segment count.
                    elements.extend(run.iter().cloned());
                    continue;
                };
                *next += 1;
                for piece in pieces {
                    match piece {
                        Piece::Text(text) => {
                            elements.extend(
                                text.split_inclusive('\n')
                                    .map(|line| PatternElement::TextElement { value: line }),
                            );
                        }
                        Piece::Literal(literal) => elements.push(PatternElement::Placeable {
                            expression: Expression::Inline(InlineExpression::StringLiteral {
                                value: literal,
                            }),
                        }),
                        Piece::Token(n) => {
                            if let Some(element) = placeables.get(*n) {
                                elements.push((*element).clone());
                            }
                        }
                    }
                }
            }
            Run::Plain(run) => elements.extend(run.iter().cloned()),
        }
    }
    Pattern { elements }
}
