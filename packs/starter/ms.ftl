# QuickReply starter library: Malay (ms, Malaysian usage) translation of en.ftl.
# Translate the text and .title only; keep keys and { $variables } unchanged.
# Malaysian vocabulary is used on purpose (pesanan, penghantaran, bayaran balik, kastam,
# tarikh, baharu, pasukan), not Indonesian (pengiriman, pengembalian dana, bea cukai, tanggal).
# Malay has no plural forms, so no message needs a select on $item_count.

## Shipping

where-is-my-order =
    Hai { $buyer_name }, terima kasih atas kesabaran anda! Pesanan anda { $order_id } telah dihantar melalui { $carrier } pada { DATETIME($shipped_at, dateStyle: "medium") } dan kini dalam perjalanan kepada anda.
    Anda boleh menjejak bungkusan di sini (nombor penjejakan: { $tracking_number }): { $tracking_url }
    Anggaran tarikh penghantaran ialah { DATETIME($eta, dateStyle: "long") }. Jika bungkusan belum tiba pada tarikh tersebut, sila hubungi kami dan kami akan menyemaknya dengan segera.
    — Pasukan { $shop_name }
    .title = Di manakah pesanan saya?

shipping-delay =
    Hai { $buyer_name }, kami memohon maaf kerana penghantaran pesanan anda { $order_id } mengambil masa lebih lama daripada jangkaan. Bungkusan anda masih dalam proses penghantaran oleh { $carrier }, dan anggaran tarikh penghantaran terkini ialah { DATETIME($eta, dateStyle: "long") }.
    Anda boleh menyemak status terkini di sini: { $tracking_url }
    Kami sentiasa memantau penghantaran ini dan akan memaklumkan anda jika ada sebarang perubahan. Terima kasih atas kesabaran dan pengertian anda.
    — Pasukan { $shop_name }
    .title = Kelewatan penghantaran

tracking-number =
    Hai { $buyer_name }, berita baik! Pesanan anda { $order_id } telah dihantar melalui { $carrier }.
    Nombor penjejakan: { $tracking_number }
    Jejak bungkusan: { $tracking_url }
    Maklumat penjejakan yang pertama mungkin mengambil masa sehari dua untuk dipaparkan. Terima kasih kerana membeli-belah dengan kami!
    — Pasukan { $shop_name }
    .title = Nombor penjejakan

customs-duties =
    Hai { $buyer_name }, terima kasih atas pertanyaan anda mengenai pesanan { $order_id }. Bergantung pada negara anda, pihak kastam mungkin mengenakan duti import atau cukai apabila bungkusan tiba; caj ini ditetapkan oleh pihak berkuasa kastam di negara anda, bukan oleh kedai kami. Jika cukai tersebut telah dikutip semasa anda membuat pembayaran di { $marketplace }, anda sepatutnya tidak perlu membayarnya sekali lagi — sila hantarkan gambar notis yang anda terima dan kami akan membantu anda menyelesaikannya.
    — Pasukan { $shop_name }
    .title = Duti kastam dan cukai import

## Returns and refunds

return-request =
    Hai { $buyer_name }, kami mohon maaf kerana pesanan { $order_id } tidak memenuhi jangkaan anda. Sila buat permohonan pulangan melalui halaman pesanan di { $marketplace } supaya proses pulangan direkodkan dan dilindungi sepenuhnya. Sebaik sahaja kami menerima barang tersebut, kami akan memproses bayaran balik anda. Jika ada sebarang pertanyaan, balas sahaja mesej ini.
    — Pasukan { $shop_name }
    .title = Permohonan pulangan

refund-issued =
    Hai { $buyer_name }, kami telah membuat bayaran balik sebanyak { NUMBER($total, minimumFractionDigits: 2) } { $currency } bagi pesanan anda { $order_id }. Bergantung pada bank atau kaedah pembayaran anda, bayaran balik ini mungkin mengambil masa beberapa hari bekerja untuk dikreditkan ke dalam akaun anda. Terima kasih atas kesabaran anda, dan jangan segan untuk memaklumkan kami jika ada apa-apa lagi yang boleh kami bantu.
    — Pasukan { $shop_name }
    .title = Bayaran balik telah dibuat

## Payments and orders

payment-methods =
    Hai { $buyer_name }, terima kasih atas minat anda! Pembayaran diproses dengan selamat oleh { $marketplace } semasa anda membuat pesanan, jadi anda boleh menggunakan mana-mana kaedah pembayaran yang ditawarkan oleh { $marketplace } di negara anda. Demi keselamatan anda, sila sentiasa membuat pembayaran melalui { $marketplace } dan jangan sekali-kali membayar di luar platform.
    — Pasukan { $shop_name }
    .title = Kaedah pembayaran

address-change =
    Hai { $buyer_name }, terima kasih kerana memaklumkan kami. Sila balas dengan alamat baharu anda yang lengkap, termasuk poskod dan nombor telefon, dan kami akan berusaha sedaya upaya untuk mengemas kini pesanan { $order_id }. Jika bungkusan telah diserahkan kepada syarikat kurier, alamat mungkin tidak dapat ditukar lagi, tetapi kami akan segera memaklumkan pilihan yang ada kepada anda.
    — Pasukan { $shop_name }
    .title = Tukar alamat

out-of-stock =
    Hai { $buyer_name }, kami benar-benar memohon maaf kerana terdapat barang dalam pesanan anda { $order_id } yang kehabisan stok tanpa diduga. Kami boleh memberikan bayaran balik penuh bagi barang yang tiada stok, atau jika anda sanggup menunggu, kami akan menghantarnya sebaik sahaja stok baharu tiba. Sila maklumkan pilihan anda kepada kami. Harap maaf atas kesulitan ini.
    — Pasukan { $shop_name }
    .title = Kehabisan stok

thanks-for-order =
    Hai { $buyer_name }, terima kasih atas pesanan anda { $order_id } di { $marketplace }! Kami sedang membungkus { $item_count } item pesanan anda dengan teliti dan akan memberikan nombor penjejakan kepada anda sebaik sahaja pesanan diserahkan kepada kurier. Jika ada sebarang pertanyaan sementara itu, balas sahaja mesej ini.
    — Pasukan { $shop_name }
    .title = Terima kasih atas pesanan anda

review-request =
    Hai { $buyer_name }, kami harap anda berpuas hati dengan pesanan { $order_id }! Jika ada masa, kami amat menghargai ulasan jujur anda di { $marketplace } — ia membantu pembeli lain dan membantu kami untuk terus menambah baik. Jika ada apa-apa yang tidak kena, balas sahaja mesej ini dan kami sedia membantu.
    Terima kasih kerana membeli-belah di { $shop_name }!
    .title = Permintaan ulasan

## Product questions

halal-certificate =
    Hai { $buyer_name }, terima kasih atas pertanyaan anda! Ya, produk ini mempunyai sijil halal. Saya boleh hantarkan salinan sijil halal tersebut di sini jika anda ingin melihatnya; maklumkan sahaja kepada saya.
    — Pasukan { $shop_name }
    .title = Sijil halal
