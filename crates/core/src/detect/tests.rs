use super::*;

/// Short buyer chat messages, written for these tests, per supported language.
const CORPUS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "where is my package??",
            "Hi, I ordered last week and still haven't received anything",
            "Can you send me the tracking number please",
            "The item arrived broken, I want a refund",
            "Do you have this in a bigger size?",
            "thanks so much, got it today!",
        ],
    ),
    (
        "fr",
        &[
            "Bonjour, je n'ai toujours pas reçu ma commande",
            "Est-ce que vous pouvez m'envoyer le numéro de suivi svp",
            "Le colis est arrivé abîmé, je voudrais un remboursement",
            "Vous avez cette robe en taille M ?",
            "Merci beaucoup, c'est parfait !",
            "Quand est-ce que ma commande sera expédiée ?",
        ],
    ),
    (
        "es",
        &[
            "Hola, ¿cuándo llega mi pedido?",
            "Todavía no me ha llegado el paquete",
            "¿Me puedes mandar el número de seguimiento?",
            "El producto llegó roto, quiero un reembolso",
            "¿Tienen esta camiseta en talla L?",
            "Muchas gracias, ya lo recibí!",
        ],
    ),
    (
        "pt",
        &[
            "Olá, quando chega meu pedido?",
            "Ainda não recebi minha encomenda",
            "Pode me mandar o código de rastreio por favor?",
            "O produto veio com defeito, quero devolver",
            "Vocês têm esse tênis no tamanho 40?",
            "Obrigada, chegou certinho!",
        ],
    ),
    (
        "de",
        &[
            "Hallo, wo bleibt meine Bestellung?",
            "Ich habe das Paket immer noch nicht bekommen",
            "Können Sie mir bitte die Sendungsnummer schicken?",
            "Die Ware ist kaputt angekommen, ich möchte mein Geld zurück",
            "Gibt es das auch in Größe M?",
            "Vielen Dank, alles gut angekommen!",
        ],
    ),
    (
        "it",
        &[
            "Ciao, quando arriva il mio ordine?",
            "Non ho ancora ricevuto il pacco",
            "Mi potete mandare il numero di tracking?",
            "Il prodotto è arrivato rotto, vorrei un rimborso",
            "Avete questa maglietta nella taglia L?",
            "Grazie mille, è arrivato tutto!",
        ],
    ),
    (
        "nl",
        &[
            "Hoi, wanneer komt mijn bestelling?",
            "Ik heb het pakket nog steeds niet ontvangen",
            "Kunt u mij de track en trace code sturen?",
            "Het product is kapot aangekomen, ik wil mijn geld terug",
            "Hebben jullie deze ook in maat M?",
            "Bedankt, alles is goed aangekomen!",
        ],
    ),
    (
        "pl",
        &[
            "Dzień dobry, kiedy dotrze moje zamówienie?",
            "Nadal nie dostałam paczki",
            "Czy może Pan przesłać numer przesyłki?",
            "Produkt przyszedł uszkodzony, chcę zwrot pieniędzy",
            "Czy jest ten rozmiar w kolorze czarnym?",
            "Dziękuję, wszystko doszło!",
        ],
    ),
    (
        "tr",
        &[
            "Merhaba, siparişim ne zaman gelir?",
            "Kargom hâlâ gelmedi",
            "Kargo takip numarasını gönderebilir misiniz?",
            "Ürün kırık geldi, iade etmek istiyorum",
            "Bunun büyük bedeni var mı?",
            "Çok teşekkürler, elime ulaştı!",
        ],
    ),
    (
        "ru",
        &[
            "Здравствуйте, когда будет доставка?",
            "Я до сих пор не получил заказ",
            "Можете прислать трек-номер?",
            "Товар пришёл сломанный, хочу вернуть деньги",
            "Есть такой размер побольше?",
            "Спасибо большое, всё получила!",
        ],
    ),
    (
        "uk",
        &[
            "Добрий день, коли прийде моє замовлення?",
            "Я досі не отримала посилку",
            "Надішліть, будь ласка, номер відстеження",
            "Товар прийшов пошкоджений, хочу повернути гроші",
            "Чи є цей розмір у чорному кольорі?",
            "Дякую, все отримав!",
        ],
    ),
    (
        "ar",
        &[
            "مرحبا، متى يصل طلبي؟",
            "لم أستلم الطلب حتى الآن",
            "ممكن ترسل لي رقم التتبع؟",
            "المنتج وصل مكسور، أريد استرجاع المبلغ",
            "هل يوجد مقاس أكبر؟",
            "شكرا جزيلا، وصلني الطلب",
        ],
    ),
    (
        "fa",
        &[
            "سلام، سفارشم کی می\u{200c}رسه؟",
            "هنوز بسته\u{200c}ام به دستم نرسیده",
            "لطفا کد رهگیری رو برام بفرستید",
            "محصول خراب رسید، می\u{200c}خوام پولم رو پس بگیرم",
            "این رو سایز بزرگ\u{200c}تر دارید؟",
            "خیلی ممنون، به دستم رسید",
        ],
    ),
    (
        "he",
        &[
            "שלום, מתי ההזמנה שלי תגיע?",
            "עדיין לא קיבלתי את החבילה",
            "אפשר לקבל מספר מעקב?",
            "המוצר הגיע שבור, אני רוצה החזר",
            "יש את זה במידה גדולה יותר?",
            "תודה רבה, הגיע!",
        ],
    ),
    (
        "zh",
        &[
            "你好，我的快递什么时候到？",
            "我还没收到货",
            "可以发一下物流单号吗？",
            "东西坏了，我要退款",
            "这个有大一号的吗？",
            "請問什麼時候出貨？",
        ],
    ),
    (
        "ja",
        &[
            "こんにちは、注文した商品はいつ届きますか？",
            "まだ荷物が届いていません",
            "追跡番号を教えてください",
            "商品が壊れていました。返金をお願いします",
            "Mサイズはありますか？",
            "ありがとうございます、届きました！",
        ],
    ),
    (
        "ko",
        &[
            "안녕하세요, 주문한 상품 언제 도착하나요?",
            "아직 택배를 못 받았어요",
            "송장번호 좀 알려주세요",
            "제품이 깨져서 왔어요. 환불해주세요",
            "이거 더 큰 사이즈 있나요?",
            "감사합니다, 잘 받았어요!",
        ],
    ),
    (
        "th",
        &[
            "สวัสดีค่ะ ของจะมาถึงเมื่อไหร่คะ",
            "ยังไม่ได้รับของเลยครับ",
            "ขอเลขพัสดุหน่อยค่ะ",
            "สินค้าเสียหาย อยากขอคืนเงินครับ",
            "มีไซส์ใหญ่กว่านี้ไหมคะ",
            "ขอบคุณมากค่ะ ได้รับของแล้ว",
        ],
    ),
    (
        "vi",
        &[
            "Chào shop, khi nào đơn hàng của em tới ạ?",
            "Em vẫn chưa nhận được hàng",
            "Shop gửi em mã vận đơn với ạ",
            "Sản phẩm bị hỏng, em muốn hoàn tiền",
            "Áo này còn size lớn hơn không shop?",
            "Cảm ơn shop nhiều, em nhận được rồi!",
        ],
    ),
    (
        "ms",
        &[
            "Salam, bila barang saya sampai?",
            "Saya belum terima parcel lagi",
            "Boleh bagi nombor tracking tak?",
            "Barang sampai rosak, saya nak refund",
            "Ada saiz besar sikit tak?",
            "Terima kasih, dah sampai!",
        ],
    ),
    (
        "id",
        &[
            "Kak, pesanan saya kapan sampai ya?",
            "Paketnya belum sampai sampai sekarang",
            "Boleh minta nomor resinya kak?",
            "Barangnya rusak, saya mau refund",
            "Ada ukuran yang lebih besar gak?",
            "Makasih kak, udah sampai!",
        ],
    ),
];

/// Very short messages (one to three words): reported, with wrong guesses and abstentions
/// apart, but not held to the 90% bar: no guess is the right answer for some of them.
const SHORT: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "thanks!",
            "any update?",
            "refund pls",
            "still waiting",
            "hello?",
        ],
    ),
    (
        "fr",
        &[
            "merci !",
            "toujours rien",
            "c'est quand ?",
            "colis reçu",
            "bonjour ?",
        ],
    ),
    (
        "es",
        &[
            "gracias!",
            "sigo esperando",
            "cuándo llega?",
            "ya llegó",
            "hola??",
        ],
    ),
    (
        "pt",
        &[
            "obrigado!",
            "cadê meu pedido?",
            "ainda nada",
            "chegou sim",
            "olá?",
        ],
    ),
    (
        "de",
        &[
            "danke!",
            "wann kommt es?",
            "immer noch nichts",
            "ist angekommen",
            "hallo?",
        ],
    ),
    (
        "it",
        &[
            "grazie!",
            "ancora niente",
            "quando arriva?",
            "arrivato, grazie",
            "ciao?",
        ],
    ),
    (
        "nl",
        &[
            "bedankt!",
            "nog steeds niks",
            "wanneer komt het?",
            "is binnen",
            "hallo?",
        ],
    ),
    (
        "pl",
        &["dziękuję!", "nadal nic", "kiedy dotrze?", "doszło", "halo?"],
    ),
    (
        "tr",
        &[
            "teşekkürler!",
            "hâlâ gelmedi",
            "ne zaman gelir?",
            "ulaştı",
            "merhaba?",
        ],
    ),
    (
        "ru",
        &[
            "спасибо!",
            "где заказ?",
            "до сих пор нет",
            "получила",
            "алло?",
        ],
    ),
    (
        "uk",
        &[
            "дякую!",
            "де замовлення?",
            "досі нема",
            "отримала",
            "привіт?",
        ],
    ),
    ("ar", &["شكرا!", "وين طلبي؟", "لسه ما وصل", "وصل", "مرحبا؟"]),
    (
        "fa",
        &["مرسی!", "سفارشم کو؟", "هنوز نرسیده", "رسید", "سلام؟"],
    ),
    (
        "he",
        &["תודה!", "איפה החבילה?", "עדיין כלום", "הגיע", "היי?"],
    ),
    ("zh", &["谢谢！", "到哪了？", "还没到", "收到了", "在吗？"]),
    (
        "ja",
        &[
            "ありがとう！",
            "まだですか？",
            "届きました",
            "返品したい",
            "いつ届く？",
        ],
    ),
    (
        "ko",
        &["감사해요!", "언제 와요?", "아직이요", "받았어요", "환불요"],
    ),
    (
        "th",
        &["ขอบคุณค่ะ", "ของถึงไหนแล้ว", "ยังไม่ได้ของ", "ได้แล้วครับ", "สวัสดีครับ"],
    ),
    (
        "vi",
        &[
            "cảm ơn shop!",
            "hàng đâu rồi ạ?",
            "vẫn chưa nhận",
            "nhận rồi ạ",
            "alo shop?",
        ],
    ),
    (
        "ms",
        &[
            "terima kasih!",
            "bila sampai?",
            "belum sampai lagi",
            "dah terima",
            "tak sampai lagi",
        ],
    ),
    (
        "id",
        &[
            "makasih kak!",
            "kapan nyampe?",
            "belum sampai",
            "udah diterima",
            "halo kak?",
        ],
    ),
];

fn no_hints() -> Hints<'static> {
    Hints::default()
}

fn is_correct(expected: &str, got: Option<&Detection>) -> bool {
    let cluster = ["ms", "id"];
    match got {
        Some(d) if cluster.contains(&expected) => cluster.contains(&d.code.as_str()),
        Some(d) => d.code == expected,
        None => false,
    }
}

#[test]
fn corpus_covers_every_supported_language() {
    for code in SUPPORTED {
        let messages = CORPUS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, m)| m.len());
        assert!(messages.unwrap_or(0) >= 5, "{code}: fewer than 5 messages");
    }
    for language in LANGUAGES {
        assert!(SUPPORTED.contains(&language.iso_code_639_1().to_string().as_str()));
    }
}

#[test]
fn accuracy_on_short_buyer_messages() {
    let (mut total_right, mut total) = (0, 0);
    let mut report = String::new();
    let mut weak = Vec::new();
    for (expected, messages) in CORPUS {
        let mut right = 0;
        for message in *messages {
            let got = detect(message, &no_hints());
            if is_correct(expected, got.as_ref()) {
                right += 1;
            } else {
                report.push_str(&format!("  MISS {expected}: {message:?} -> {got:?}\n"));
            }
        }
        report.push_str(&format!("{expected}: {right}/{}\n", messages.len()));
        if right < 3 {
            weak.push(*expected);
        }
        total_right += right;
        total += messages.len();
    }
    let accuracy = total_right as f64 / total as f64;
    println!(
        "{report}total: {total_right}/{total} = {:.1}%",
        accuracy * 100.0
    );
    assert!(weak.is_empty(), "fewer than 3 right: {weak:?}\n{report}");
    assert!(accuracy >= 0.9, "accuracy {accuracy:.3}\n{report}");
}

#[test]
fn very_short_messages_rarely_guess_wrong() {
    let (mut right, mut wrong, mut none, mut total) = (0, 0, 0, 0);
    for (expected, messages) in SHORT {
        for message in *messages {
            total += 1;
            match detect(message, &no_hints()) {
                None => none += 1,
                got if is_correct(expected, got.as_ref()) => right += 1,
                got => {
                    wrong += 1;
                    println!("  WRONG {expected}: {message:?} -> {got:?}");
                }
            }
        }
    }
    println!("very short: right {right}, wrong {wrong}, no guess {none} of {total}");
    assert!(
        wrong * 10 <= total,
        "more than 10% wrong guesses on very short messages"
    );
}

#[test]
fn too_short_or_meaningless_gives_no_guess() {
    for text in [
        "ok",
        "??",
        "A-1001",
        "",
        "   ",
        "👍👍",
        "#123456 !!",
        "https://shopee.co.id/product/123/456",
        "好",
    ] {
        assert_eq!(detect(text, &no_hints()), None, "{text:?}");
    }
}

#[test]
fn cleaning_drops_urls_emails_ids_and_emoji() {
    assert_eq!(
        clean("Order A-1001 🙏 see https://example.com/x?id=9 or mail me@x.com #55 ok"),
        "Order see or mail ok"
    );
    assert_eq!(clean("订单12345还没到"), "订单 还没到");
    assert_eq!(clean("shopee.co.id lazada.com.my ok.thanks"), "ok.thanks");
    assert_eq!(
        clean("سفارش ۱۲۳ کی می\u{200c}رسه"),
        "سفارش کی می\u{200c}رسه"
    );
    assert_eq!(letter_weight("ok"), 2);
    assert_eq!(letter_weight("谢谢"), 2 * CJK_WEIGHT);
}

#[test]
fn urls_and_order_ids_do_not_change_the_answer() {
    let plain = detect(
        "Bonjour, je n'ai toujours pas reçu ma commande",
        &no_hints(),
    );
    let noisy = detect(
        "Bonjour, je n'ai toujours pas reçu ma commande #A-99812-XK https://shop.example.com/orders/99812 buyer@example.com 😡😡",
        &no_hints(),
    );
    assert_eq!(
        clean(
            "Bonjour, je n'ai toujours pas reçu ma commande #A-99812-XK https://shop.example.com/orders/99812 buyer@example.com 😡😡"
        ),
        "Bonjour, je n'ai toujours pas reçu ma commande"
    );
    // lingua saw the same text (its sums are not bit-for-bit reproducible across calls, so the
    // confidences are compared loosely).
    let (plain, noisy) = (plain.expect("plain"), noisy.expect("noisy"));
    assert_eq!(plain.code, "fr");
    assert_eq!(noisy.code, plain.code);
    assert!((noisy.confidence - plain.confidence).abs() < 1e-9);
    let id_only = detect(
        "#A-99812-XK 99812 https://shop.example.com/orders/99812",
        &no_hints(),
    );
    assert_eq!(id_only, None);
}

const MALAY: &str = "Salam, bila barang saya sampai?";
const INDONESIAN: &str = "Kak, pesanan saya kapan sampai ya?";

fn code(text: &str, hints: &Hints<'_>) -> Option<String> {
    detect(text, hints).map(|d| d.code)
}

#[test]
fn malay_indonesian_decided_by_order_country() {
    for text in [MALAY, INDONESIAN] {
        let my = Hints {
            order_country: Some("MY"),
            shop_default: Some("id"),
            ..Hints::default()
        };
        let id = Hints {
            order_country: Some("id"),
            marketplace: Some("shopee.com.my"),
            ..Hints::default()
        };
        assert_eq!(code(text, &my).as_deref(), Some("ms"), "{text}");
        assert_eq!(code(text, &id).as_deref(), Some("id"), "{text}");
        let sg = Hints {
            order_country: Some("SG"),
            ..Hints::default()
        };
        assert_eq!(code(text, &sg).as_deref(), Some("ms"), "{text}");
    }
}

#[test]
fn malay_indonesian_decided_by_marketplace_then_shop_default() {
    for text in [MALAY, INDONESIAN] {
        for (marketplace, want) in [
            ("shopee.com.my", "ms"),
            ("Lazada Malaysia", "ms"),
            ("SHOPEE_MY", "ms"),
            ("shopee.co.id", "id"),
            ("Tokopedia", "id"),
            ("Lazada Indonesia", "id"),
        ] {
            let hints = Hints {
                order_country: Some("US"),
                marketplace: Some(marketplace),
                shop_default: Some(if want == "ms" { "id" } else { "ms" }),
            };
            assert_eq!(code(text, &hints).as_deref(), Some(want), "{marketplace}");
        }
        for (locale, want) in [("ms-MY", "ms"), ("ms", "ms"), ("id_ID", "id"), ("in", "id")] {
            let hints = Hints {
                marketplace: Some("amazon.com"),
                shop_default: Some(locale),
                ..Hints::default()
            };
            assert_eq!(code(text, &hints).as_deref(), Some(want), "{locale}");
        }
    }
    // No usable hint: lingua's own pick, one of the two.
    let own = code(
        MALAY,
        &Hints {
            shop_default: Some("en"),
            ..Hints::default()
        },
    );
    assert!(matches!(own.as_deref(), Some("ms" | "id")), "{own:?}");
}

#[test]
fn runner_up_is_never_the_cluster_partner() {
    let (_, ms_messages) = CORPUS.iter().find(|(c, _)| *c == "ms").expect("ms");
    let (_, id_messages) = CORPUS.iter().find(|(c, _)| *c == "id").expect("id");
    for message in ms_messages.iter().chain(id_messages.iter()) {
        for hints in [
            Hints::default(),
            Hints {
                order_country: Some("MY"),
                ..Hints::default()
            },
            Hints {
                order_country: Some("ID"),
                ..Hints::default()
            },
        ] {
            let Some(d) = detect(message, &hints) else {
                continue;
            };
            if let Some((runner, _)) = &d.runner_up {
                assert!(
                    !matches!(runner.as_str(), "ms" | "id"),
                    "{message:?}: {d:?}"
                );
            }
        }
    }
}

#[test]
fn cluster_scores_are_merged_and_runner_up_skips_the_partner() {
    // Synthetic lingua scores: Indonesian alone would lose to English, the cluster wins.
    let scores = [
        (Language::English, 0.35),
        (Language::Indonesian, 0.34),
        (Language::Malay, 0.31),
    ];
    let d = decide(&scores, &no_hints()).expect("cluster wins");
    assert_eq!(d.code, "id");
    assert!((d.confidence - 0.65).abs() < 1e-9);
    assert_eq!(d.runner_up, Some(("en".to_owned(), 0.35)));
    let hinted = decide(
        &scores,
        &Hints {
            marketplace: Some("shopee.com.my"),
            ..Hints::default()
        },
    )
    .expect("cluster wins");
    assert_eq!(hinted.code, "ms");

    // A runner-up that is the cluster is named by the same hints.
    let scores = [
        (Language::English, 0.70),
        (Language::Malay, 0.05),
        (Language::Indonesian, 0.10),
    ];
    let d = decide(
        &scores,
        &Hints {
            order_country: Some("MY"),
            ..Hints::default()
        },
    )
    .expect("english");
    assert_eq!(d.runner_up.as_ref().map(|r| r.0.as_str()), Some("ms"));

    // Too close, or too weak: no guess.
    let close = [(Language::Spanish, 0.52), (Language::Portuguese, 0.45)];
    assert_eq!(decide(&close, &no_hints()), None);
    let weak = [
        (Language::Spanish, 0.3),
        (Language::Portuguese, 0.1),
        (Language::Italian, 0.1),
    ];
    assert_eq!(decide(&weak, &no_hints()), None);
}

#[test]
fn json_shape() {
    let d = Detection {
        code: "fr".into(),
        confidence: 0.9,
        runner_up: Some(("it".into(), 0.05)),
    };
    let json = serde_json::to_value(&d).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"code": "fr", "confidence": 0.9, "runner_up": {"code": "it", "confidence": 0.05}})
    );
    let lone = Detection {
        runner_up: None,
        ..d
    };
    assert_eq!(
        serde_json::to_value(&lone).expect("json")["runner_up"],
        serde_json::Value::Null
    );
}

#[test]
fn script_only_languages() {
    for (text, want) in [
        ("감사합니다", "ko"),
        ("ありがとう", "ja"),
        ("ขอบคุณครับ", "th"),
        ("תודה רבה", "he"),
        ("谢谢你", "zh"),
    ] {
        assert_eq!(code(text, &no_hints()).as_deref(), Some(want), "{text}");
    }
}

/// (VmRSS, RssAnon, RssFile) in KiB.
fn rss_kib() -> Option<[u64; 3]> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some([field("VmRSS:")?, field("RssAnon:")?, field("RssFile:")?])
}

/// Measures the detector's resident memory in a fresh process (this test binary re-run on
/// `detector_memory_probe` alone), since other tests here share the process-wide detector.
/// Run with `--nocapture` to see the figures.
#[test]
fn detector_memory() {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let output = std::process::Command::new(exe)
        .args([
            "detect::tests::detector_memory_probe",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .expect("re-run the test binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    for line in stdout.lines().filter(|l| l.contains("KiB")) {
        println!(
            "{}",
            line.trim_start_matches("test detect::tests::detector_memory_probe ... ")
        );
    }
}

#[test]
#[ignore = "run by detector_memory in a fresh process"]
fn detector_memory_probe() {
    let Some(before) = rss_kib() else {
        return;
    };
    let show = |stage: &str, now: [u64; 3]| {
        let delta = |i: usize| now[i].saturating_sub(before[i]);
        println!(
            "{stage}: VmRSS +{} KiB (anonymous +{} KiB, file-backed +{} KiB; now {} KiB)",
            delta(0),
            delta(1),
            delta(2),
            now[0]
        );
    };
    warm_up();
    show("after building the detector", rss_kib().unwrap_or(before));
    let mut count = 0;
    for (_, messages) in CORPUS.iter().chain(SHORT.iter()) {
        for message in *messages {
            let _ = detect(message, &no_hints());
            count += 1;
        }
    }
    show(
        &format!("after detecting {count} messages"),
        rss_kib().unwrap_or(before),
    );
}

/// Threshold exploration over both corpora (run with `--ignored --nocapture`): for each
/// (min confidence, min margin) pair, how many answers are right, wrong and withheld.
#[test]
#[ignore = "tuning aid, prints a table"]
fn threshold_table() {
    let mut rows = Vec::new();
    for (expected, messages) in CORPUS.iter().chain(SHORT.iter()) {
        for message in *messages {
            let cleaned = clean(message);
            let scores = if letter_weight(&cleaned) < MIN_LETTERS {
                Vec::new()
            } else {
                DETECTOR.compute_language_confidence_values(cleaned)
            };
            let raw = decide_with(&scores, &no_hints(), 0.0, 0.0);
            println!("{expected} {message:?} -> {raw:?}");
            rows.push((*expected, scores));
        }
    }
    for min_confidence in [0.0, 0.3, 0.4, 0.5, 0.6, 0.7] {
        for min_margin in [0.0, 0.05, 0.1, 0.2, 0.3] {
            let (mut right, mut wrong, mut none) = (0, 0, 0);
            for (expected, scores) in &rows {
                match decide_with(scores, &no_hints(), min_confidence, min_margin) {
                    None => none += 1,
                    got if is_correct(expected, got.as_ref()) => right += 1,
                    _ => wrong += 1,
                }
            }
            println!(
                "conf>={min_confidence} margin>={min_margin}: right {right} wrong {wrong} none {none}"
            );
        }
    }
}
