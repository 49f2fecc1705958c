# QuickReply starter library: source templates (English).
#
# Each message is one reply template; its key is the same in every locale file.
# Attributes are metadata, not text sent to the buyer:
#   .title     name shown in the template list (translated in every locale file)
#   .category  group in the sidebar (this file only)
#   .tags      comma-separated search words (this file only)
#   .shortcut  type it in the search box to pick the template (this file only)
#   .examples  buyer questions it answers, one per line (any locale file): suggestions match
#              a copied buyer message against them in every language
#
# Variables come from the selected order ($buyer_name, $order_id, $marketplace,
# $item_count, $total, $currency, $carrier, $tracking_number, $tracking_url,
# $ordered_at, $shipped_at, $eta) or from the shop settings ($shop_name).

## Shipping

where-is-my-order =
    Hello { $buyer_name }, thank you for your patience! Your order { $order_id } was shipped with { $carrier } on { DATETIME($shipped_at, dateStyle: "medium") } and is on its way to you.
    You can track it here (tracking number { $tracking_number }): { $tracking_url }
    The estimated delivery date is { DATETIME($eta, dateStyle: "long") }. If it has not arrived by then, please message us and we will look into it right away.
    — The { $shop_name } team
    .title = Where is my order?
    .category = Shipping
    .tags = tracking, status, wismo, where, delivery
    .shortcut = ;wismo
    .examples =
        Where is my order?
        When will my order be delivered?
        Can you tell me the status of my order?
        Has my order shipped yet?
        What is the estimated delivery date?

shipping-delay =
    Hello { $buyer_name }, I am sorry that your order { $order_id } is taking longer than expected to arrive. The parcel is still in transit with { $carrier }, and the current estimated delivery date is { DATETIME($eta, dateStyle: "long") }.
    You can check the latest status here: { $tracking_url }
    We are keeping an eye on it and will let you know if anything changes. Thank you for your patience and understanding.
    — The { $shop_name } team
    .title = Shipping delay
    .category = Shipping
    .tags = delay, late, slow, eta, apology
    .shortcut = ;delay
    .examples =
        My order is late.
        Why is my delivery taking so long?
        My parcel has been stuck in transit for days.
        It should have arrived by now.
        The delivery date has passed and I still have nothing.

tracking-number =
    Hello { $buyer_name }, good news: your order { $order_id } has been shipped with { $carrier }.
    Tracking number: { $tracking_number }
    Track your parcel: { $tracking_url }
    It can take a day or two for the first tracking update to appear. Thank you for shopping with us!
    — The { $shop_name } team
    .title = Tracking number
    .category = Shipping
    .tags = tracking, shipped, carrier, link
    .shortcut = ;track
    .examples =
        Can you send me the tracking number?
        What is my tracking number?
        How can I track my parcel?
        Do you have a tracking link for my order?
        Which carrier did you use, and what is the tracking number?

# Generic on purpose: who collects import taxes differs by country and marketplace
# (some marketplaces collect VAT at checkout). Adapt before use if you know the rules.
customs-duties =
    Hello { $buyer_name }, thank you for your question about order { $order_id }. Depending on your country, customs may charge import duties or taxes when the parcel arrives; these are set by your local customs authority, not by our shop. If these taxes were already collected at checkout on { $marketplace }, you should not need to pay them again — please send us a photo of any notice you receive and we will help you sort it out.
    — The { $shop_name } team
    .title = Customs duties and import taxes
    .category = Shipping
    .tags = customs, duties, tax, vat, import, fees
    .shortcut = ;customs
    .examples =
        Will I have to pay customs duties?
        Are import taxes included in the price?
        The courier is asking me to pay a customs fee, why?
        Is VAT charged on delivery?
        Who pays the import duty for my order?

## Returns and refunds

return-request =
    Hello { $buyer_name }, I am sorry that your order { $order_id } did not work out for you. Please open a return request from the order page on { $marketplace }, so that the return is tracked and fully protected. As soon as we receive the item back, we will process your refund. If you have any questions along the way, just reply to this message.
    — The { $shop_name } team
    .title = Return request
    .category = Returns and refunds
    .tags = return, send back, rma, exchange
    .shortcut = ;return
    .examples =
        I want to return my order.
        The item arrived damaged, can I send it back?
        It is the wrong size, how do I return it?
        Can I exchange this for a different size?
        How do I start a return?

refund-issued =
    Hello { $buyer_name }, we have issued a refund of { NUMBER($total, minimumFractionDigits: 2) } { $currency } for your order { $order_id }. Depending on your bank or payment method, it may take a few business days to appear in your account. Thank you for your patience, and please let us know if there is anything else we can help with.
    — The { $shop_name } team
    .title = Refund issued
    .category = Returns and refunds
    .tags = refund, money back, reimbursement
    .shortcut = ;refund
    .examples =
        Have you issued my refund?
        When will I get my money back?
        I returned the item, has the refund been processed?
        The refund is not in my account yet.
        How long does the refund take to show up?

## Payments and orders

payment-methods =
    Hello { $buyer_name }, thank you for your interest! Payment is handled securely by { $marketplace } at checkout, so you can use any payment method that { $marketplace } offers in your country. For your protection, please always pay through { $marketplace } and never outside the platform.
    — The { $shop_name } team
    .title = Payment methods
    .category = Payments
    .tags = payment, pay, card, cash on delivery, cod, installments
    .shortcut = ;pay
    .examples =
        What payment methods do you accept?
        Can I pay by credit card?
        Do you offer cash on delivery?
        Can I pay in installments?
        Is PayPal accepted?

address-change =
    Hello { $buyer_name }, thank you for letting us know. Please reply with your complete new address, including the postal code and a phone number, and we will do our best to update order { $order_id }. If the parcel has already been handed to the carrier, we may not be able to change it, but we will tell you right away what your options are.
    — The { $shop_name } team
    .title = Address change
    .category = Orders
    .tags = address, change, wrong address, edit order
    .shortcut = ;addr
    .examples =
        I need to change my shipping address.
        I entered the wrong address, can you fix it?
        Can you send my order to a different address?
        I moved, please update my address.
        Can I add an apartment number to my address?

out-of-stock =
    Hello { $buyer_name }, I am very sorry: { $item_count ->
        [one] the item in your order { $order_id } is
       *[other] one or more of the { $item_count } items in your order { $order_id } are
    } unexpectedly out of stock. We can give you a full refund for what is unavailable or, if you would rather wait, ship it as soon as new stock arrives. Please let us know which you prefer, and apologies for the inconvenience.
    — The { $shop_name } team
    .title = Out of stock
    .category = Orders
    .tags = out of stock, unavailable, sold out, cancel, backorder
    .shortcut = ;oos
    .examples =
        Is this item in stock?
        When will this be back in stock?
        Is this size still available?
        Do you have this in another color?
        It says sold out, will you restock it?

thanks-for-order =
    Hello { $buyer_name }, thank you for your order { $order_id } on { $marketplace }! We are carefully packing { $item_count ->
        [one] your item
       *[other] your { $item_count } items
    } and will send you the tracking number as soon as the order ships. If you have any questions in the meantime, just reply to this message.
    — The { $shop_name } team
    .title = Thank you for your order
    .category = Orders
    .tags = thanks, order confirmation, new order, packing
    .shortcut = ;thanks
    .examples =
        I just placed an order.
        Did you receive my order?
        Can you confirm my order?
        I ordered two items today, is everything OK?
        I just paid, is my order confirmed?

# Neutral on purpose: marketplaces forbid asking for a positive review or offering
# anything in exchange for one. Keep it that way when you edit it.
review-request =
    Hello { $buyer_name }, we hope you are enjoying your order { $order_id }! If you have a moment, we would really appreciate your honest review on { $marketplace } — it helps other buyers and helps us improve. And if anything is not right, just reply to this message and we will be glad to help.
    Thank you for shopping with { $shop_name }!
    .title = Review request
    .category = After-sales
    .tags = review, feedback, rating, stars
    .shortcut = ;review
    .examples =
        I received my order and I love it.
        Where can I leave a review?
        Everything arrived in perfect condition, thank you!
        How do I rate your shop?
        The item is great, how can I give feedback?

## Product questions

# Use only for products that hold a valid halal certificate, and keep the copy at hand.
halal-certificate =
    Hello { $buyer_name }, thank you for your question! Yes, this product is certified halal. I would be happy to send you a copy of the halal certificate here; just let me know.
    — The { $shop_name } team
    .title = Halal certificate
    .category = Product questions
    .tags = halal, certificate, certification, ingredients, muslim
    .shortcut = ;halal
    .examples =
        Is this product halal?
        Do you have a halal certificate?
        Is it halal certified?
        Does it contain pork or alcohol?
        Can you send me the halal certification?
