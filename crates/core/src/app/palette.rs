//! What the palette shows: its context when it opens (active order, target language) and the
//! results for a query with their previews.

use serde::Serialize;

use super::Library;
use crate::Result;
use crate::orders::Order;
use crate::ports::LanguageDetector;
use crate::reply;
use crate::store::Status;

/// Upper bound on results with a rendered preview per keystroke.
pub const MAX_RESULTS: usize = 30;
/// Copied text longer than this is not a buyer's message (a whole page was copied).
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// The copied message as the context chip shows it, at most this many characters.
const MESSAGE_CHIP_CHARS: usize = 140;
/// Order ids are looked for only in text up to this size (the search is per word).
const MAX_ORDER_SCAN_BYTES: usize = 4096;

/// Where the palette's target language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LangSource {
    /// The active order's buyer locale.
    Order,
    /// The language of the copied buyer message.
    Clipboard,
    /// The shop's default buyer language.
    Default,
}

/// What the palette shows in its chips when it opens.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PaletteContext {
    /// The order found from an id on the clipboard.
    pub order: Option<Order>,
    /// The buyer language replies are previewed and pasted in.
    pub lang: String,
    /// Why that language.
    pub lang_source: LangSource,
    /// Every language the library has texts in (the language menu).
    pub locales: Vec<String>,
    /// The staff's UI language.
    pub ui_lang: super::settings::UiLang,
    /// Translations waiting for a reviewer (all languages).
    #[ts(type = "number")]
    pub review_count: u64,
    /// The copied buyer message, shortened for the context chips (`None`: the clipboard held
    /// an order id, nothing, or a whole page).
    pub message: Option<String>,
    /// The whole buyer message, for suggestions and learning. Kept in the app.
    #[serde(skip)]
    #[ts(skip)]
    pub buyer_message: Option<String>,
    /// The clipboard text when the palette opened: the `$clipboard` built-in of this opening.
    /// Kept in the app, never sent to the window.
    #[serde(skip)]
    #[ts(skip)]
    pub clipboard: Option<String>,
}

/// The built-in values of one opening of the palette, weaker than anything staff type:
/// `$clipboard` is the clipboard text when the palette opened (`$today` is filled by the
/// renderer itself).
#[must_use]
pub fn opening_vars(clipboard: Option<&str>, given: &[(String, String)]) -> Vec<(String, String)> {
    let mut vars = Vec::with_capacity(given.len() + 1);
    if let Some(text) = clipboard
        && !given.iter().any(|(name, _)| name == "clipboard")
    {
        vars.push(("clipboard".to_string(), text.to_string()));
    }
    vars.extend(given.iter().cloned());
    vars
}

/// The context for one opening of the palette, from the clipboard's text:
/// 1. an order id on the clipboard (alone or inside copied text) makes that order active and
///    its buyer's language the target;
/// 2. other copied text is the buyer's message: its language is the target;
/// 3. else the shop's default language.
///
/// # Errors
/// Database failure.
pub fn context(
    library: &Library,
    clipboard_text: Option<&str>,
    detector: &dyn LanguageDetector,
) -> Result<PaletteContext> {
    context_with(library, clipboard_text, detector, None)
}

/// [`context`] with the order staff chose in the Orders view (`active_order`): it is used when
/// the clipboard names no order, like an order found there. An active order that no longer
/// exists (purged) is ignored.
///
/// # Errors
/// Database failure.
pub fn context_with(
    library: &Library,
    clipboard_text: Option<&str>,
    detector: &dyn LanguageDetector,
    active_order: Option<&str>,
) -> Result<PaletteContext> {
    let text = clipboard_text
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= MAX_MESSAGE_BYTES);
    let (order, settings, locales, review_count, buyer_message) = {
        let store = library.store();
        let mut order = match text {
            Some(text) if text.len() <= MAX_ORDER_SCAN_BYTES => store.find_order_id_in(text)?,
            _ => None,
        };
        // A copied order id alone is not a question; any other copied text is the buyer's.
        let buyer_message = text
            .filter(|t| order.is_none() || t.split_whitespace().count() > 1)
            .map(str::to_string);
        if order.is_none()
            && let Some(id) = active_order
        {
            order = match store.order(id) {
                Ok(o) => Some(o),
                Err(crate::Error::UnknownOrder(_)) => None,
                Err(e) => return Err(e),
            };
        }
        let review_count = store.review_counts()?.iter().map(|(_, n)| n).sum();
        (
            order,
            super::settings::load_from(&store)?,
            store.locales()?,
            review_count,
            buyer_message,
        )
    };
    let (lang, lang_source) = match (order.as_ref().and_then(|o| o.buyer_locale.clone()), text) {
        (Some(locale), _) => (locale, LangSource::Order),
        (None, Some(text)) if order.is_none() => match detector.language_of(text) {
            Some(code) => (code, LangSource::Clipboard),
            None => (settings.default_lang.clone(), LangSource::Default),
        },
        _ => (settings.default_lang.clone(), LangSource::Default),
    };
    Ok(PaletteContext {
        order,
        lang,
        lang_source,
        locales,
        ui_lang: settings.effective_ui_lang(),
        review_count,
        message: buyer_message
            .as_deref()
            .map(|m| crate::suggest::shorten(m, MESSAGE_CHIP_CHARS)),
        buyer_message,
        clipboard: clipboard_text.map(str::to_string),
    })
}

/// One result row of the palette.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ResultItem {
    /// Template key.
    pub key: String,
    /// Title in the staff's UI language where the template has one.
    pub title: String,
    /// The template's typed shortcut (`;ty`).
    pub shortcut: String,
    /// Its category.
    pub category: String,
    /// The locale the reply would be pasted in.
    pub locale: String,
    /// That text's review status.
    pub status: Status,
    /// The filled text (missing values shown as `⟨name⟩`), or why it cannot be used.
    pub preview: String,
    /// The template's source locale.
    pub source_locale: String,
    /// The filled source-language text, for staff who do not read the buyer's language.
    pub source_preview: String,
    /// Values nothing provides: the palette asks for them before pasting.
    pub missing: Vec<String>,
    /// Why this reply cannot be pasted as it is (a broken text), if so.
    pub error: Option<String>,
}

/// What the palette searches for.
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    /// What the staff typed (empty: the most used replies).
    pub text: &'a str,
    /// The buyer's language: previews are in it.
    pub reply_lang: &'a str,
    /// The active order, whose fields fill the previews.
    pub order_id: Option<&'a str>,
    /// How many results (capped at [`MAX_RESULTS`]).
    pub limit: usize,
    /// The clipboard text when the palette opened (`$clipboard`), if any.
    pub clipboard: Option<&'a str>,
}

/// Ranked results with previews: titles in the staff's language (they choose the reply), the
/// text in the buyer's. A template that cannot be rendered is still listed, with the reason,
/// so staff see why it cannot be used.
///
/// # Errors
/// Database failure.
pub fn results(library: &Library, query: &Query<'_>) -> Result<Vec<ResultItem>> {
    let index = library.index()?;
    let store = library.store();
    let ui_lang = super::settings::load_from(&store)?.effective_ui_lang();
    let hits = index.search(
        query.text,
        Some(ui_lang.as_str()),
        query.limit.min(MAX_RESULTS),
    );
    let vars = opening_vars(query.clipboard, &[]);
    // The order and the shop's values are looked up once for every row.
    let sources = reply::Sources::new(&store, library.renderer(), query.order_id);
    hits.into_iter()
        .map(|hit| item(&store, &sources, hit.key, hit.title, query, &vars))
        .collect()
}

/// One result row for `key`, previewed in the query's language with its order (`sources`: an
/// order that could not be read makes every row show why).
fn item(
    store: &crate::store::Store,
    sources: &Result<reply::Sources<'_>>,
    key: String,
    title: String,
    query: &Query<'_>,
    vars: &[(String, String)],
) -> Result<ResultItem> {
    let template = store.template(&key)?;
    let preview = match sources {
        Ok(sources) => sources
            .preview(&template, Some(query.reply_lang), vars)
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    Ok(match preview {
        Ok(preview) => ResultItem {
            key,
            title,
            shortcut: template.shortcut,
            category: template.category,
            locale: preview.reply.locale,
            status: preview.reply.status,
            preview: preview.reply.text,
            source_locale: preview.source_locale,
            source_preview: preview.source_text,
            missing: preview.missing,
            error: None,
        },
        Err(e) => ResultItem {
            key,
            title,
            shortcut: template.shortcut,
            category: template.category,
            locale: query.reply_lang.to_string(),
            status: Status::NeedsReview,
            preview: e.clone(),
            source_locale: template.source_locale.clone(),
            source_preview: String::new(),
            missing: Vec::new(),
            error: Some(e),
        },
    })
}

/// A suggested reply as the palette lists it: a result row with why it was suggested.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SuggestedItem {
    /// The row, previewed like a search result (same paste path).
    #[serde(flatten)]
    pub item: ResultItem,
    /// Why it was suggested.
    pub reason: crate::suggest::Reason,
    /// How well it fits, 0..1.
    pub score: f64,
}

/// The suggestions for this opening's buyer message as palette rows, previewed in the query's
/// language (the buyer's, or the one staff chose) with its order. Templates deleted since the
/// suggestion was made are left out.
///
/// # Errors
/// Database failure.
pub fn suggested(
    library: &Library,
    suggestions: &[crate::suggest::Suggestion],
    query: &Query<'_>,
) -> Result<Vec<SuggestedItem>> {
    let index = library.index()?;
    let store = library.store();
    let ui_lang = super::settings::load_from(&store)?.effective_ui_lang();
    let vars = opening_vars(query.clipboard, &[]);
    let sources = reply::Sources::new(&store, library.renderer(), query.order_id);
    let mut out = Vec::with_capacity(suggestions.len());
    for s in suggestions.iter().take(query.limit) {
        let Some(title) = index.title_of(&s.key, Some(ui_lang.as_str())) else {
            continue; // deleted since
        };
        let item = item(&store, &sources, s.key.clone(), title, query, &vars)?;
        out.push(SuggestedItem {
            item,
            reason: s.reason.clone(),
            score: s.score,
        });
    }
    Ok(out)
}

/// Orders matching `query` (id, buyer, tracking number), for the order picker.
///
/// # Errors
/// Database failure.
pub fn find_orders(library: &Library, query: &str) -> Result<Vec<Order>> {
    library.store().search_orders(query, 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Says(Option<&'static str>);
    impl LanguageDetector for Says {
        fn language_of(&self, _text: &str) -> Option<String> {
            self.0.map(str::to_string)
        }
    }

    const EN: &str = "hi = Hello { $buyer_name }\n    .title = Greeting\n";
    const RU: &str = "hi = Здравствуйте, { $buyer_name }\n";

    #[test]
    fn language_comes_from_the_copied_message_else_the_default() {
        let library = super::super::test_library(&[("en", EN), ("ru", RU)]);
        let ctx = context(&library, Some("  Когда доставка?  "), &Says(Some("ru"))).unwrap();
        assert_eq!(
            (ctx.lang.as_str(), ctx.lang_source),
            ("ru", LangSource::Clipboard)
        );
        let ctx = context(&library, Some("ok"), &Says(None)).unwrap();
        assert_eq!(
            (ctx.lang.as_str(), ctx.lang_source),
            ("en", LangSource::Default)
        );
        let ctx = context(&library, None, &Says(Some("ru"))).unwrap();
        assert_eq!(
            ctx.lang_source,
            LangSource::Default,
            "nothing copied, nothing detected"
        );
        assert_eq!(ctx.locales, vec!["en".to_string(), "ru".to_string()]);
    }

    #[test]
    fn results_preview_in_the_buyer_language_with_missing_values_marked() {
        let library = super::super::test_library(&[("en", EN), ("ru", RU)]);
        let items = results(
            &library,
            &Query {
                text: "greeting",
                reply_lang: "ru",
                order_id: None,
                limit: 5,
                clipboard: None,
            },
        )
        .unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].locale, "ru");
        assert_eq!(items[0].preview, "Здравствуйте, ⟨buyer_name⟩");
        assert_eq!(items[0].source_preview, "Hello ⟨buyer_name⟩");
        assert_eq!(items[0].missing, vec!["buyer_name".to_string()]);
    }

    /// Every row of one keystroke is filled from one lookup of the order and the shop's values
    /// (`reply::Sources`): each row still gets its own text, in its own language with its terms,
    /// and an order that cannot be read lists every row with the reason instead of failing.
    #[test]
    fn every_row_is_filled_from_the_order_and_an_unknown_order_is_shown_on_each_row() {
        const EN: &str = "-shop = Desert Rose\n\
                          hi = Hello { $buyer_name }\n    .title = Greeting one\n\
                          bye = Thanks from { -shop }, { $signature }\n    .title = Greeting two\n";
        const RU: &str = "-shop = Роза пустыни\nhi = Здравствуйте, { $buyer_name }\n";
        let library = super::super::test_library(&[("en", EN), ("ru", RU)]);
        {
            let mut store = library.store();
            store.set_var("signature", "Lina").unwrap();
            let mut order = Order::new("amazon", "A-1");
            order.buyer_name = Some("Олег".into());
            store.upsert_orders(&[order]).unwrap();
        }
        let query = |order_id| Query {
            text: "greeting",
            reply_lang: "ru",
            order_id,
            limit: 5,
            clipboard: None,
        };
        let mut items = results(&library, &query(Some("A-1"))).unwrap();
        items.sort_by(|a, b| a.key.cmp(&b.key));
        let shown: Vec<(&str, &str, &str)> = items
            .iter()
            .map(|i| (i.key.as_str(), i.locale.as_str(), i.preview.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("bye", "en", "Thanks from Desert Rose, Lina"),
                ("hi", "ru", "Здравствуйте, Олег"),
            ]
        );
        assert!(
            items
                .iter()
                .all(|i| i.error.is_none() && i.missing.is_empty())
        );

        let items = results(&library, &query(Some("GONE-7"))).unwrap();
        assert_eq!(items.len(), 2);
        for item in &items {
            let error = item.error.as_deref().unwrap_or_default();
            assert!(error.contains("GONE-7"), "{}: {error}", item.key);
        }
    }
}
