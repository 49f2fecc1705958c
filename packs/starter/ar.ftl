# QuickReply starter library: Arabic (ar, Modern Standard Arabic) translation of en.ftl.
# Translate the text and .title only; keep keys and { $variables } unchanged.
# The buyer is addressed in the masculine singular, the usual default in MSA customer service;
# adjust a reply by hand when writing to a woman if you prefer.
# Plural selects on $item_count use all six Arabic categories: zero, one, two, few (3-10),
# many (11-99) and other (100 and up).

## Shipping

where-is-my-order =
    مرحباً { $buyer_name }، شكراً لصبرك! تم شحن طلبك رقم { $order_id } عبر { $carrier } بتاريخ { DATETIME($shipped_at, dateStyle: "medium") }، وهو الآن في الطريق إليك.
    يمكنك تتبّع الشحنة من هنا (رقم التتبع: { $tracking_number }): { $tracking_url }
    موعد التسليم المتوقع هو { DATETIME($eta, dateStyle: "long") }. إذا لم تصلك الشحنة بحلول ذلك الموعد، يُرجى مراسلتنا وسنتابع الأمر فوراً.
    — فريق { $shop_name }
    .title = أين طلبي؟

shipping-delay =
    مرحباً { $buyer_name }، نعتذر لأن وصول طلبك رقم { $order_id } يستغرق وقتاً أطول من المتوقع. لا تزال الشحنة قيد النقل لدى { $carrier }، وموعد التسليم المتوقع حالياً هو { DATETIME($eta, dateStyle: "long") }.
    يمكنك متابعة آخر حالة للشحنة من هنا: { $tracking_url }
    نحن نتابع الشحنة باستمرار وسنبلغك فوراً بأي مستجدات. شكراً لتفهمك وصبرك.
    — فريق { $shop_name }
    .title = تأخر الشحن

tracking-number =
    مرحباً { $buyer_name }، يسعدنا إبلاغك بأنه تم شحن طلبك رقم { $order_id } عبر { $carrier }.
    رقم التتبع: { $tracking_number }
    رابط التتبع: { $tracking_url }
    قد يستغرق ظهور أول تحديث لبيانات التتبع يوماً أو يومين. شكراً لتسوقك معنا!
    — فريق { $shop_name }
    .title = رقم التتبع

customs-duties =
    مرحباً { $buyer_name }، شكراً لاستفسارك بخصوص طلبك رقم { $order_id }. بحسب بلدك، قد تفرض الجمارك رسوماً أو ضرائب استيراد عند وصول الشحنة، وتحدد هذه الرسوم سلطات الجمارك المحلية وليس متجرنا. إذا كانت هذه الضرائب قد حُصّلت منك عند الدفع على { $marketplace }، فلا يُفترض أن تدفعها مرة أخرى، ويُرجى إرسال صورة لأي إشعار يصلك وسنساعدك في حل المسألة.
    — فريق { $shop_name }
    .title = الرسوم الجمركية وضرائب الاستيراد

## Returns and refunds

return-request =
    مرحباً { $buyer_name }، نأسف لأن طلبك رقم { $order_id } لم يكن كما توقعت. يُرجى تقديم طلب الإرجاع من صفحة الطلب على { $marketplace }، حتى تكون عملية الإرجاع موثقة ومحمية بالكامل. وسنقوم برد المبلغ إليك فور استلامنا للمنتج. إذا كانت لديك أي أسئلة، يكفي أن ترد على هذه الرسالة.
    — فريق { $shop_name }
    .title = طلب إرجاع

refund-issued =
    مرحباً { $buyer_name }، لقد قمنا برد مبلغ { NUMBER($total, minimumFractionDigits: 2) } { $currency } إليك عن طلبك رقم { $order_id }. قد يستغرق ظهور المبلغ في حسابك بضعة أيام عمل، حسب البنك أو وسيلة الدفع. شكراً لصبرك، ولا تتردد في إخبارنا إن كان بإمكاننا مساعدتك في أي شيء آخر.
    — فريق { $shop_name }
    .title = تم رد المبلغ

## Payments and orders

payment-methods =
    مرحباً { $buyer_name }، شكراً لاهتمامك! تتم معالجة الدفع بشكل آمن عبر { $marketplace } عند إتمام الطلب، لذا يمكنك استخدام أي وسيلة دفع يوفرها { $marketplace } في بلدك. وحرصاً على حمايتك، يُرجى الدفع دائماً عبر { $marketplace } وعدم الدفع خارج المنصة.
    — فريق { $shop_name }
    .title = طرق الدفع

address-change =
    مرحباً { $buyer_name }، شكراً لإبلاغنا. يُرجى إرسال عنوانك الجديد كاملاً، بما في ذلك الرمز البريدي ورقم الهاتف، وسنبذل قصارى جهدنا لتحديث عنوان الطلب رقم { $order_id }. إذا كانت الشحنة قد سُلّمت بالفعل إلى شركة الشحن، فقد لا نتمكن من تغيير العنوان، لكننا سنخبرك فوراً بالخيارات المتاحة لك.
    — فريق { $shop_name }
    .title = تغيير العنوان

out-of-stock =
    مرحباً { $buyer_name }، نأسف كثيراً، فقد نفد من المخزون بشكل غير متوقع { $item_count ->
        [zero] أحد منتجات طلبك رقم { $order_id }
        [one] المنتج الذي طلبته في الطلب رقم { $order_id }
        [two] أحد المنتجين في طلبك رقم { $order_id } أو كلاهما
        [few] منتج أو أكثر من أصل { $item_count } منتجات في طلبك رقم { $order_id }
        [many] منتج أو أكثر من أصل { $item_count } منتجاً في طلبك رقم { $order_id }
       *[other] منتج أو أكثر من أصل { $item_count } منتج في طلبك رقم { $order_id }
    }. يمكننا أن نرد إليك المبلغ كاملاً عمّا نفد، أو أن نشحنه فور وصول مخزون جديد إذا كنت تفضّل الانتظار. يُرجى إخبارنا بالخيار الذي يناسبك، ونعتذر عن هذا الإزعاج.
    — فريق { $shop_name }
    .title = نفاد المخزون

thanks-for-order =
    مرحباً { $buyer_name }، شكراً لطلبك رقم { $order_id } على { $marketplace }! نقوم الآن بتغليف { $item_count ->
        [zero] طلبك
        [one] المنتج الذي طلبته
        [two] المنتجين اللذين طلبتهما
        [few] منتجات طلبك ({ $item_count } منتجات)
        [many] منتجات طلبك ({ $item_count } منتجاً)
       *[other] منتجات طلبك ({ $item_count } منتج)
    } بعناية، وسنرسل إليك رقم التتبع فور شحن الطلب. إذا كانت لديك أي أسئلة في هذه الأثناء، يكفي أن ترد على هذه الرسالة.
    — فريق { $shop_name }
    .title = شكراً لطلبك

review-request =
    مرحباً { $buyer_name }، نأمل أن ينال طلبك رقم { $order_id } إعجابك! إذا سمح وقتك، فسنقدّر كثيراً تقييمك الصادق على { $marketplace }، فهو يساعد المشترين الآخرين ويساعدنا على التحسّن. وإذا واجهت أي مشكلة، يكفي أن ترد على هذه الرسالة وسيسعدنا مساعدتك.
    شكراً لتسوقك من { $shop_name }!
    .title = طلب تقييم

## Product questions

halal-certificate =
    مرحباً { $buyer_name }، شكراً لسؤالك! نعم، هذا المنتج حاصل على شهادة حلال. ويسعدني أن أرسل إليك هنا نسخة من شهادة الحلال إذا رغبت في ذلك، فقط أخبرني.
    — فريق { $shop_name }
    .title = شهادة الحلال
