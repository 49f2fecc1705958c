//! A pack file as an owner (or an old tool) wrote it: parsed, every message checked as the
//! editor checks it, imported into a library, and rendered. Errors must name file, line and
//! column; nothing may panic, hang or overflow the stack.
#![no_main]

use std::sync::{LazyLock, Mutex};

use libfuzzer_sys::fuzz_target;
use quickreply_core::pack::{self, ImportOptions, Pack, PackFile};
use quickreply_core::store::Store;
use quickreply_core::reply::value_for;
use quickreply_core::template::{Args, Renderer, parse_file, validate_body};

// Made once: a renderer loads its ICU data on first use, and a store runs every migration.
// The store starts afresh now and then so that what earlier inputs imported stays small.
static RENDERER: LazyLock<Renderer> = LazyLock::new(Renderer::new);
static STORE: LazyLock<Mutex<(Store, u32)>> =
    LazyLock::new(|| Mutex::new((Store::open_in_memory().expect("in-memory store"), 0)));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_file("fuzz/en.ftl", text) {
        Ok(parsed) => {
            // Every variable given a value read from text, as the palette fills them (numbers,
            // dates and plain text), so selectors, NUMBER and DATETIME run.
            let renderer = &*RENDERER;
            for message in parsed.messages.iter().take(20) {
                let _ = validate_body(&message.key, &message.body);
                let mut args = Args::new();
                for (i, name) in message.variables.iter().enumerate() {
                    let text = ["3", "2026-11-30", "1.5", "Ana", "0", "-2"][i % 6];
                    args.insert(name.clone(), value_for(name, text));
                }
                for locale in ["en", "ar", "ru"] {
                    let _ = renderer.render(locale, &message.key, &message.body, &[], &args);
                }
            }
        }
        Err(errors) => {
            for e in &errors {
                assert!(e.line >= 1 && e.column >= 1, "{e}");
                assert!(e.to_string().starts_with("fuzz/en.ftl:"), "{e}");
            }
        }
    }
    let pack = Pack {
        files: vec![PackFile {
            locale: "en".into(),
            name: "fuzz/en.ftl".into(),
            text: text.to_string(),
        }],
        manifest: pack::Manifest::default(),
    };
    let mut guard = STORE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (store, imports) = &mut *guard;
    *imports += 1;
    if *imports % 500 == 0 {
        *store = Store::open_in_memory().expect("in-memory store");
    }
    let _ = pack::import(store, &pack, &ImportOptions::default());
});
