# QuickReply starter library: Simplified Chinese (zh-CN) translation of en.ftl.
# Translate the text and .title only; keep keys and { $variables } unchanged.

## Shipping

where-is-my-order =
    { $buyer_name }，您好！感谢您的耐心等待。您的订单{ $order_id }已于{ DATETIME($shipped_at, dateStyle: "medium") }通过{ $carrier }发出，正在运送途中。
    您可以在此查询物流（运单号：{ $tracking_number }）：{ $tracking_url }
    预计送达日期为{ DATETIME($eta, dateStyle: "long") }。如届时仍未收到，请随时联系我们，我们会立即为您跟进。
    ——{ $shop_name }团队
    .title = 订单物流进度

shipping-delay =
    { $buyer_name }，您好！很抱歉，您的订单{ $order_id }的运送时间比预期要长。包裹目前仍由{ $carrier }运送中，最新预计送达日期为{ DATETIME($eta, dateStyle: "long") }。
    您可以在此查看最新物流状态：{ $tracking_url }
    我们会持续关注，如有任何变化将第一时间通知您。感谢您的理解与耐心！
    ——{ $shop_name }团队
    .title = 物流延误

tracking-number =
    { $buyer_name }，您好！好消息：您的订单{ $order_id }已通过{ $carrier }发货。
    运单号：{ $tracking_number }
    物流查询：{ $tracking_url }
    物流信息可能需要一两天才会首次更新。感谢您的惠顾！
    ——{ $shop_name }团队
    .title = 物流单号

customs-duties =
    { $buyer_name }，您好！感谢您咨询订单{ $order_id }的相关问题。根据您所在国家或地区的规定，包裹到达时海关可能会征收进口关税或税费；这些费用由当地海关决定，并非由本店收取。如果您在{ $marketplace }结账时已缴纳这些税费，通常无需重复缴纳——如收到任何缴费通知，请拍照发给我们，我们会协助您处理。
    ——{ $shop_name }团队
    .title = 关税与进口税

## Returns and refunds

return-request =
    { $buyer_name }，您好！很抱歉订单{ $order_id }没能让您满意。请在{ $marketplace }的订单页面提交退货申请，这样退货全程都有记录和保障。我们收到退回的商品后，会尽快为您办理退款。如有任何疑问，直接回复此消息即可。
    ——{ $shop_name }团队
    .title = 退货申请

refund-issued =
    { $buyer_name }，您好！我们已为您的订单{ $order_id }办理退款，金额为{ NUMBER($total, minimumFractionDigits: 2) } { $currency }。视您的银行或支付方式而定，款项可能需要几个工作日才能到账。感谢您的耐心，如还有其他需要帮助的地方，请随时告诉我们。
    ——{ $shop_name }团队
    .title = 退款已办理

## Payments and orders

payment-methods =
    { $buyer_name }，您好！感谢您的关注。付款在结账时由{ $marketplace }安全处理，您可以使用{ $marketplace }在您所在国家或地区提供的任何支付方式。为保障您的权益，请务必通过{ $marketplace }付款，切勿在平台以外付款。
    ——{ $shop_name }团队
    .title = 支付方式

address-change =
    { $buyer_name }，您好！感谢您告知。请回复完整的新地址，包括邮政编码和联系电话，我们会尽力为您更新订单{ $order_id }的收货地址。如果包裹已交给承运商，地址可能无法再修改，但我们会第一时间告诉您有哪些处理方式。
    ——{ $shop_name }团队
    .title = 修改收货地址

# Chinese has no plural forms, so this message needs no select on $item_count.
out-of-stock =
    { $buyer_name }，您好！非常抱歉，您的订单{ $order_id }中有商品意外缺货。我们可以为缺货的商品全额退款；如果您愿意等待，也可以在补货后第一时间为您发出。请告诉我们您希望如何处理，给您带来不便，敬请谅解。
    ——{ $shop_name }团队
    .title = 商品缺货

thanks-for-order =
    { $buyer_name }，您好！感谢您在{ $marketplace }下单（订单号：{ $order_id }）！我们正在仔细打包您订购的{ $item_count }件商品，发货后会第一时间把运单号发给您。如有任何问题，直接回复此消息即可。
    ——{ $shop_name }团队
    .title = 感谢下单

review-request =
    { $buyer_name }，您好！希望您喜欢订单{ $order_id }中的商品！如果方便的话，欢迎在{ $marketplace }上留下您真实的评价——这能帮助其他买家，也能帮助我们不断改进。如有任何不满意的地方，直接回复此消息，我们很乐意为您解决。
    感谢您光临{ $shop_name }！
    .title = 邀请评价

## Product questions

halal-certificate =
    { $buyer_name }，您好！感谢您的咨询。是的，本产品已获得清真认证。如有需要，我可以在这里发给您一份清真证书的副本，请告诉我即可。
    ——{ $shop_name }团队
    .title = 清真认证
