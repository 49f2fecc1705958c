//! Language detection of a copied buyer message, with and without hints from the order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quickreply_core::detect::{Hints, detect};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = detect(text, &Hints::default());
    let _ = detect(
        text,
        &Hints {
            order_country: Some("MY"),
            marketplace: Some("shopee.com.my"),
            shop_default: Some("en"),
        },
    );
});
