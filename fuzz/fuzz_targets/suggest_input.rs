//! A copied buyer message as the palette takes it: the values it offers (`$clipboard`), the
//! order id it may contain, and the suggestions ranked for it (words and learned picks; the
//! model is not loaded in the fuzzer), on the starter library with a few orders.
#![no_main]

use std::sync::LazyLock;
use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use quickreply_core::Library;
use quickreply_core::app::palette;
use quickreply_core::app::suggest::Suggester;
use quickreply_core::pack::{self, ImportOptions, Pack};
use quickreply_core::store::Store;

static LIBRARY: LazyLock<Mutex<(Library, Suggester)>> = LazyLock::new(|| {
    let mut store = Store::open_in_memory().expect("in-memory store");
    pack::import(&mut store, &Pack::starter(), &ImportOptions::default()).expect("starter");
    let library = Library::with_store(":memory:".into(), store);
    Mutex::new((library, Suggester::new()))
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut guard = LIBRARY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (library, suggester) = &mut *guard;
    let _ = palette::opening_vars(Some(&text), &[]);
    let _ = library.store().find_order_id_in(&text);
    let suggestions = suggester
        .suggest(library, None, &text, None, 3)
        .expect("suggestions on an in-memory library");
    for s in &suggestions {
        assert!((0.0..=1.0).contains(&s.score), "{s:?}");
    }
});
