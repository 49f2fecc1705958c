//! The order staff chose in the Orders view fills the palette's replies when the clipboard
//! names none; an order on the clipboard still wins.

#![allow(clippy::unwrap_used)]

use quickreply_core::Library;
use quickreply_core::app::orders;
use quickreply_core::app::palette::{LangSource, context_with};
use quickreply_core::orders::Format;
use quickreply_core::ports::LanguageDetector;

struct Says(Option<&'static str>);
impl LanguageDetector for Says {
    fn language_of(&self, _text: &str) -> Option<String> {
        self.0.map(str::to_string)
    }
}

#[test]
fn the_active_order_is_used_when_the_clipboard_names_none() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    let csv = dir.path().join("orders.csv");
    std::fs::write(
        &csv,
        "order_id,buyer_name,buyer_locale\nA-1001,Fatima,ar\nM-2002,Siti,ms\n",
    )
    .unwrap();
    orders::import(&library, &csv, Format::Generic).unwrap();

    let ctx = context_with(&library, None, &Says(None), Some("A-1001")).unwrap();
    assert_eq!(ctx.order.unwrap().order_id, "A-1001");
    assert_eq!(
        (ctx.lang.as_str(), ctx.lang_source),
        ("ar", LangSource::Order)
    );

    // An order id on the clipboard wins over the active one.
    let ctx = context_with(&library, Some("about M-2002"), &Says(None), Some("A-1001")).unwrap();
    assert_eq!(ctx.order.unwrap().order_id, "M-2002");

    // A buyer message without an order id: the active order still gives the order.
    let ctx = context_with(
        &library,
        Some("where is it?"),
        &Says(Some("ru")),
        Some("A-1001"),
    )
    .unwrap();
    assert_eq!(ctx.order.unwrap().order_id, "A-1001");

    // An active order that is gone is ignored.
    let ctx = context_with(&library, None, &Says(None), Some("GONE-1")).unwrap();
    assert!(ctx.order.is_none());
}
