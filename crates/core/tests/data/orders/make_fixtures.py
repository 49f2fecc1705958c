#!/usr/bin/env python3
"""Writes the order-file fixtures of this directory: synthetic rows (invented names, ids and
addresses) under the real marketplace headers of /work/shared/orders/headers (copied below so
this script stands alone). Shopee's XLSX is written by the Rust test helper
(`tests/orders_formats.rs`, `shopee_xlsx`). Run from this directory: python3 make_fixtures.py"""

import csv, io

H = {}
H["amazon"] = "amazon-order-id	merchant-order-id	purchase-date	last-updated-date	order-status	fulfillment-channel	sales-channel	order-channel	url	ship-service-level	product-name	sku	asin	item-status	quantity	currency	item-price	item-tax	shipping-price	shipping-tax	gift-wrap-price	gift-wrap-tax	item-promotion-discount	ship-promotion-discount	ship-city	ship-state	ship-postal-code	ship-country	promotion-ids	is-business-order	purchase-order-number	price-designation".split("\t")
H["shipments"] = "amazon-order-id	merchant-order-id	shipment-id	shipment-item-id	amazon-order-item-id	merchant-order-item-id	purchase-date	payments-date	shipment-date	reporting-date	buyer-email	buyer-name	buyer-phone-number	sku	product-name	quantity-shipped	currency	item-price	item-tax	shipping-price	shipping-tax	gift-wrap-price	gift-wrap-tax	ship-service-level	recipient-name	ship-address-1	ship-address-2	ship-address-3	ship-city	ship-state	ship-postal-code	ship-country	ship-phone-number	bill-address-1	bill-address-2	bill-address-3	bill-city	bill-state	bill-postal-code	bill-country	item-promotion-discount	ship-promotion-discount	carrier	tracking-number	estimated-arrival-date	fulfillment-center-id	fulfillment-channel	sales-channel".split("\t")
H["orders"] = "order-id	order-item-id	purchase-date	payments-date	buyer-email	buyer-name	buyer-phone-number	sku	product-name	quantity-purchased	currency	item-price	item-tax	shipping-price	shipping-tax	ship-service-level	recipient-name	ship-address-1	ship-address-2	ship-address-3	ship-city	ship-state	ship-postal-code	ship-country	ship-phone-number	delivery-start-date	delivery-end-date	delivery-time-zone	delivery-Instructions	sales-channel".split("\t")
H["unshipped"] = "order-id	order-item-id	purchase-date	payments-date	reporting-date	promise-date	days-past-promise	buyer-email	buyer-name	buyer-phone-number	sku	product-name	quantity-purchased	quantity-shipped	quantity-to-ship	ship-service-level	recipient-name	ship-address-1	ship-address-2	ship-address-3	ship-city	ship-state	ship-postal-code	ship-country	is-business-order	purchase-order-number	price-designation	is-iba	verge-of-cancellation	verge-of-lateShipment".split("\t")
H["lazada"] = "orderItemId,orderType,Guarantee,deliveryType,lazadaId,sellerSku,lazadaSku,wareHouse,createTime,updateTime,rtsSla,ttsSla,orderNumber,invoiceRequired,invoiceNumber,deliveredDate,customerName,customerEmail,nationalRegistrationNumber,shippingName,shippingAddress,shippingAddress2,shippingAddress3,shippingAddress4,shippingAddress5,shippingPhone,shippingPhone2,shippingCity,shippingPostCode,shippingCountry,shippingRegion,billingName,billingAddr,billingAddr2,billingAddr3,billingAddr4,billingAddr5,billingPhone,billingPhone2,billingCity,billingPostCode,billingCountry,taxCode,branchNumber,taxInvoiceRequested,payMethod,paidPrice,unitPrice,sellerDiscountTotal,shippingFee,walletCredit,itemName,variation,cdShippingProvider,shippingProvider,shipmentTypeName,shippingProviderType,cdTrackingCode,trackingCode,trackingUrl,shippingProviderFM,trackingCodeFM,trackingUrlFM,promisedShippingTime,premium,status,buyerFailedDeliveryReturnInitiator,buyerFailedDeliveryReason,buyerFailedDeliveryDetail,buyerFailedDeliveryUserName,bundleId,bundleDiscount,refundAmount".split(",")
H["tiktok"] = "Order ID,Order Status,Order Substatus,Cancelation/Return Type,Normal or Pre-order,SKU ID,Seller SKU,Product Name,Variation,Quantity,Sku Quantity of return,SKU Unit Original Price,SKU Subtotal Before Discount,SKU Platform Discount,SKU Seller Discount,SKU Subtotal After Discount,Shipping Fee After Discount,Original Shipping Fee,Shipping Fee Seller Discount,Shipping Fee Platform Discount,Payment platform discount,Taxes,Order Amount,Order Refund Amount,Created Time,Paid Time,RTS Time,Shipped Time,Delivered Time,Cancelled Time,Cancel By,Cancel Reason,Fulfillment Type,Warehouse Name,Tracking ID,Delivery Option,Shipping Provider Name,Buyer Message,Buyer Username,Recipient,Phone #,Country,Province,District,Commune,Detail Address,Additional address information,Payment Method,Weight(kg),Product Category,Package ID,Seller Note,Checked Status,Checked Marked by".split(",")
H["ebay"] = next(csv.reader(io.StringIO('"Sales Record Number","Order Number","Buyer Username","Buyer Name","Buyer Email","Buyer Note",Buyer Address 1,Buyer Address 2,Buyer City,"Buyer State","Buyer Zip","Buyer Country","Buyer Tax Identifier Name","Buyer Tax Identifier Value",Ship To Name,"Ship To Phone",Ship To Address 1,Ship To Address 2,Ship To City,"Ship To State","Ship To Zip","Ship To Country","Item Number","Item Title",Custom Label,"Sold Via Promoted Listings","Quantity","Sold For","Shipping And Handling",Item Location,"Item Zip Code","Item Country","eBay Collect And Remit Tax Rate","eBay Collect And Remit Tax Type","eBay Reference Name",eBay Reference Value,Tax Status,"Seller Collected Tax","eBay Collected Tax","Electronic Waste Recycling Fee","Mattress Recycling Fee","Battery Recycling Fee","White Goods Disposal Tax","Tire Recycling Fee","Additional Fee","Lumber Fee","Prepaid Wireless Fee","Road Improvement And Food Delivery Fee","eBay Collected Charges","Total Price","eBay Collected Tax and Fees Included in Total","Payment Method","Sale Date","Paid On Date","Ship By Date","Minimum Estimated Delivery Date","Maximum Estimated Delivery Date","Shipped On Date","Feedback Left","Feedback Received","My Item Note","PayPal Transaction ID","Shipping Service","Tracking Number","Transaction ID",Variation Details,"Global Shipping Program","Global Shipping Reference ID","Click And Collect","Click And Collect Reference Number","eBay Plus","Authenticity Verification Program","Authenticity Verification Status","Authenticity Verification Outcome Reason","PSA Vault Program","Vault Fulfillment Type","eBay Fulfillment Program",Tax City,"Tax State","Tax Zip","Tax Country","eBay International Shipping"')))
H["etsy_orders"] = "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU".split(",")
H["etsy_items"] = "Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,Ship Name,Ship Address1,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,Order Type,Listings Type,Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU".split(",")
H["walmart"] = "PO#,Order#,Order Date,Ship By,Delivery Date,Customer Name,Customer Shipping Address,Customer Phone Number,Ship to Address 1,Ship to Address 2,City,State,Zip,Segment,FLIDS,Line#,UPC,Status,Item Description,Shipping Method,Shipping Tier,Shipping SLA,Shipping Config SOurce,Qty,SKU,Item Cost,Shipping Cost,Tax,Update Status,Update Qty,Carrier,Tracking Number,Tracking Url,Seller Order NO,Fulfillment Entity,Replacement Order,Original Customer Order Id".split(",")
H["temu"] = "Order ID,Order Status,Fulfillment Mode,Logistics Service Suggestion,Order Item ID,Order Item Status,Product Name by Customer Order,Product Name,Variation,Contribution SKU,SKU ID,Quantity Purchased,Quantity Shipped,Quantity to Ship,Recipient Name,Recipient First Name,Recipient Last Name,Recipient Phone Number,Ship Address 1,Ship Address 2,Ship Address 3,District,Ship City,Ship State,Ship Postal Code,Ship Country,Purchase Date,Latest Shipping Time,Latest Delivery Time,iPhone Serial Number,Virtual Email,Activity Goods Base Price,Base Price Total,Tracking Number,Carrier,Order Settlement Status,Keep Proof of Shipment Before Delivery".split(",")
H["aliexpress"] = "订单号,订单状态,负责人(业务员),买家名称,下单时间,付款时间,产品总金额,物流费用,订单金额,满立减,产品信息\n（双击单元格展开所有产品信息！）,订单备注,收货地址,收货人名称,收货国家,州/省,城市,地址,邮编,联系电话,手机,买家选择物流,发货期限,实际发货物流:运单号,发货时间,确认收货时间".split(",")


def table(name, rows, delimiter=",", lineterminator="\n"):
    """The header, then each row: a dict of column → value, every other column empty."""
    header = H[name]
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator,
                   quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
        w.writerow([row.get(h, "") for h in header])
    return out.getvalue()


def write(path, text, encoding="utf-8", bom=b""):
    with open(path, "wb") as f:
        f.write(bom + text.encode(encoding))


# Amazon All Orders, UTF-8 with a BOM: a two-item order and a one-item order.
write("amazon_all_orders.txt", table("amazon", [
    {"amazon-order-id": "114-3941689-8772232", "purchase-date": "2024-12-09T08:04:21+00:00", "order-status": "Shipped", "sales-channel": "Amazon.com", "product-name": "Desk Lamp", "quantity": "1", "currency": "USD", "item-price": "19.99", "ship-country": "US"},
    {"amazon-order-id": "114-3941689-8772232", "purchase-date": "2024-12-09T08:04:21+00:00", "order-status": "Shipped", "sales-channel": "Amazon.com", "product-name": "Lamp Shade", "quantity": "2", "currency": "USD", "item-price": "10.00", "ship-country": "US"},
    {"amazon-order-id": "171-5555555-1234567", "purchase-date": "2024-12-10T09:00:00+01:00", "order-status": "Pending", "sales-channel": "Amazon.fr", "product-name": "Tasse", "quantity": "3", "currency": "EUR", "item-price": "24.50", "ship-country": "FR"},
], "\t"), bom=b"\xef\xbb\xbf")

# Amazon.co.jp All Orders: Shift-JIS with CRLF line ends.
write("amazon_all_orders_jp.txt", table("amazon", [
    {"amazon-order-id": "503-1234567-7654321", "purchase-date": "2024-12-09T10:00:00+09:00", "order-status": "Shipped", "sales-channel": "Amazon.co.jp", "product-name": "木製の卓上ランプ", "quantity": "2", "currency": "JPY", "item-price": "3980", "ship-city": "東京都", "ship-country": "JP"},
], "\t", "\r\n"), encoding="cp932")

# Amazon Fulfilled Shipments: buyer name, else recipient; carrier, tracking, dates.
write("amazon_fulfilled_shipments.txt", table("shipments", [
    {"amazon-order-id": "113-1111111-2222222", "purchase-date": "2024-12-01T10:00:00+00:00", "shipment-date": "2024-12-02T15:30:00+00:00", "buyer-name": "Jane Roe", "recipient-name": "Jane R.", "product-name": "Phone Case", "quantity-shipped": "1", "currency": "USD", "item-price": "12.50", "ship-country": "US", "carrier": "UPS", "tracking-number": "1Z999AA10123456784", "estimated-arrival-date": "2024-12-06T20:00:00+00:00", "sales-channel": "Amazon.com"},
    {"amazon-order-id": "113-1111111-2222222", "purchase-date": "2024-12-01T10:00:00+00:00", "shipment-date": "2024-12-02T15:30:00+00:00", "buyer-name": "Jane Roe", "recipient-name": "Jane R.", "product-name": "Screen Protector", "quantity-shipped": "2", "currency": "USD", "item-price": "7.50", "ship-country": "US", "carrier": "UPS", "tracking-number": "1Z999AA10123456784", "estimated-arrival-date": "2024-12-06T20:00:00+00:00", "sales-channel": "Amazon.com"},
    {"amazon-order-id": "302-7777777-8888888", "purchase-date": "2024-12-03T08:00:00+00:00", "shipment-date": "2024-12-04T08:00:00+00:00", "buyer-name": "", "recipient-name": "Max Mustermann", "product-name": "Kabel", "quantity-shipped": "1", "currency": "EUR", "item-price": "9.99", "ship-country": "DE", "carrier": "DHL", "tracking-number": "00340434161234567890", "estimated-arrival-date": "2024-12-06T18:00:00+00:00", "sales-channel": "Amazon.de"},
], "\t"))

# Amazon Order Report (new orders).
write("amazon_order_report.txt", table("orders", [
    {"order-id": "112-0000000-1111111", "order-item-id": "1", "purchase-date": "2024-12-05T12:00:00-08:00", "buyer-name": "Bob Smith", "recipient-name": "Robert Smith", "product-name": "Mug", "quantity-purchased": "2", "currency": "USD", "item-price": "15.00", "ship-country": "US", "sales-channel": "Amazon.com"},
    {"order-id": "112-0000000-1111111", "order-item-id": "2", "purchase-date": "2024-12-05T12:00:00-08:00", "buyer-name": "Bob Smith", "recipient-name": "Robert Smith", "product-name": "Coaster", "quantity-purchased": "4", "currency": "USD", "item-price": "8.00", "ship-country": "US", "sales-channel": "Amazon.com"},
    {"order-id": "112-0000000-2222222", "order-item-id": "3", "purchase-date": "2024-12-05T13:00:00-08:00", "buyer-name": "", "recipient-name": "Alice Jones", "product-name": "Pen", "quantity-purchased": "1", "currency": "CAD", "item-price": "3.25", "ship-country": "CA", "sales-channel": "Amazon.ca"},
], "\t"))

# Amazon Unshipped Orders (India): promise-date is the ship-by date; no price.
write("amazon_unshipped.txt", table("unshipped", [
    {"order-id": "405-1234567-0000001", "order-item-id": "1", "purchase-date": "2025-01-02T10:00:00+05:30", "promise-date": "2025-01-04T23:59:59+05:30", "buyer-name": "Priya Sharma", "product-name": "Kurta", "quantity-purchased": "1", "quantity-shipped": "0", "quantity-to-ship": "1", "recipient-name": "Priya S", "ship-country": "IN"},
], "\t"))

# Lazada (Malaysia): no quantity column (rows per order), day-month-name dates, full country
# names, customerName else shippingName.
write("lazada_orders.csv", table("lazada", [
    {"orderItemId": "1001", "createTime": "09 Dec 2024 14:05", "orderNumber": "512345678901234", "deliveredDate": "12 Dec 2024 10:00", "customerName": "Nur Aisyah", "shippingName": "Aisyah", "shippingCountry": "Malaysia", "paidPrice": "12.90", "itemName": "Tudung Bawal", "shippingProvider": "LEX MY", "trackingCode": "MYMPA0123456789", "trackingUrl": "https://tracker.lel.asia/tracker?trackingNumber=MYMPA0123456789", "promisedShippingTime": "10 Dec 2024 23:59", "status": "delivered"},
    {"orderItemId": "1002", "createTime": "09 Dec 2024 14:05", "orderNumber": "512345678901234", "deliveredDate": "12 Dec 2024 10:00", "customerName": "Nur Aisyah", "shippingName": "Aisyah", "shippingCountry": "Malaysia", "paidPrice": "RM 20.00", "itemName": "Kerongsang", "shippingProvider": "LEX MY", "trackingCode": "MYMPA0123456789", "trackingUrl": "https://tracker.lel.asia/tracker?trackingNumber=MYMPA0123456789", "promisedShippingTime": "10 Dec 2024 23:59", "status": "delivered"},
    {"orderItemId": "1003", "createTime": "10 Dec 2024 09:00", "orderNumber": "512345678909999", "customerName": "", "shippingName": "Jose Rizal", "shippingCountry": "Philippines", "paidPrice": "₱1,234.50", "itemName": "Barong", "shippingProvider": "J&T Express", "trackingCode": "JT0001", "status": "ready_to_ship"},
]))

# TikTok Shop (Vietnam): row 2 describes the columns; day-first dates; masked recipient.
tiktok = table("tiktok", [
    {"Order ID": "Platform unique order ID.", "Order Status": "Order status.", "Quantity": "SKU quantity.", "Order Amount": "Total order amount.", "Created Time": "Order creation time.", "Recipient": "Recipient name.", "Country": "Country."},
    {"Order ID": "576543210987654321", "Order Status": "Shipped", "Product Name": "Áo thun", "Quantity": "2", "Order Amount": "₫120.000", "Created Time": "09/12/2024 14:05:00", "Shipped Time": "10/12/2024 08:30:00", "Tracking ID": "SPXVN0123456789", "Shipping Provider Name": "SPX Express", "Buyer Username": "lan.nguyen", "Recipient": "N***n", "Country": "Vietnam"},
    {"Order ID": "576543210987654321", "Order Status": "Shipped", "Product Name": "Quần jean", "Quantity": "1", "Order Amount": "₫120.000", "Created Time": "09/12/2024 14:05:00", "Shipped Time": "10/12/2024 08:30:00", "Tracking ID": "SPXVN0123456789", "Shipping Provider Name": "SPX Express", "Buyer Username": "lan.nguyen", "Recipient": "N***n", "Country": "Vietnam"},
    {"Order ID": "576543210987650000", "Order Status": "Completed", "Product Name": "Mũ", "Quantity": "1", "Order Amount": "50.000", "Created Time": "11/12/2024 09:00:00", "Delivered Time": "14/12/2024 17:00:00", "Buyer Username": "minh88", "Recipient": "Trần Minh", "Country": "VN"},
])
write("tiktok_vn_orders.csv", tiktok)

# eBay (US): a blank first line, an empty row after the header, a multi-item order (summary row
# and item rows), footer lines.
ebay_rows = [
    {},
    {"Sales Record Number": "1001", "Order Number": "12-12345-67890", "Buyer Username": "shopper1", "Buyer Name": "Mary Major", "Ship To Name": "Mary Major", "Ship To Country": "United States", "Item Title": "Vintage Camera", "Quantity": "1", "Sold For": "$45.99", "Total Price": "$45.99", "Sale Date": "Dec-09-24", "Ship By Date": "Dec-11-24", "Maximum Estimated Delivery Date": "Dec-16-24", "Shipped On Date": "Dec-10-24", "Shipping Service": "USPS Ground Advantage", "Tracking Number": "9400111899223344556677"},
    {"Sales Record Number": "1002", "Order Number": "23-23456-78901", "Buyer Username": "collector", "Buyer Name": "John Doe", "Ship To Country": "United Kingdom", "Total Price": "$1,234.50", "Sale Date": "Dec-10-24", "Ship By Date": "Dec-12-24", "Shipping Service": "eBay International Shipping"},
    {"Sales Record Number": "1002", "Order Number": "23-23456-78901", "Buyer Username": "collector", "Item Title": "Lens 50mm", "Quantity": "2", "Sold For": "$500.00"},
    {"Sales Record Number": "1002", "Order Number": "23-23456-78901", "Buyer Username": "collector", "Item Title": "Lens Cap", "Quantity": "1", "Sold For": "$234.50"},
]
ebay = table("ebay", ebay_rows)
ebay = "\n" + ebay + "\n3 record(s) downloaded, from Dec-01-24 to Dec-31-24\nSeller ID : camera_shop_us\n"
write("ebay_orders.csv", ebay)

# Etsy: the orders file (one row per order) and the items file (one row per item).
write("etsy_sold_orders.csv", table("etsy_orders", [
    {"Sale Date": "09/25/24", "Order ID": "3123456789", "Full Name": "Emma Wilson", "Number of Items": "3", "Date Shipped": "09/27/24", "Ship Country": "United States", "Currency": "USD", "Order Value": "40.00", "Order Total": "$45.50", "Status": "Completed", "Buyer": "emmaw"},
    {"Sale Date": "10/01/24", "Order ID": "3123456790", "Full Name": "Lukas Becker", "Number of Items": "1", "Ship Country": "Germany", "Currency": "EUR", "Order Total": "18,90", "Buyer": "lukasb"},
]))
write("etsy_sold_order_items.csv", table("etsy_items", [
    {"Sale Date": "09/25/24", "Item Name": "Ring", "Buyer": "emmaw", "Quantity": "1", "Price": "25.00", "Item Total": "25.00", "Currency": "USD", "Date Shipped": "09/27/24", "Ship Name": "Emma Wilson", "Ship Country": "United States", "Order ID": "3123456789"},
    {"Sale Date": "09/25/24", "Item Name": "Earrings", "Buyer": "emmaw", "Quantity": "2", "Price": "7.50", "Item Total": "15.00", "Currency": "USD", "Date Shipped": "09/27/24", "Ship Name": "Emma Wilson", "Ship Country": "United States", "Order ID": "3123456789"},
]))

# Walmart (US), saved by Excel on Western Windows: Windows-1252.
write("walmart_orders.csv", table("walmart", [
    {"PO#": "4792000000001", "Order#": "108123456789", "Order Date": "12/09/2024", "Ship By": "12/11/2024", "Delivery Date": "12/16/2024", "Customer Name": "José Núñez", "Line#": "1", "Status": "Shipped", "Item Description": "Café Mug", "Qty": "1", "Item Cost": "$10.00", "Carrier": "USPS", "Tracking Number": "9205590164917312751089", "Tracking Url": "https://tools.usps.com/go/TrackConfirmAction?tLabels=9205590164917312751089"},
    {"PO#": "4792000000001", "Order#": "108123456789", "Order Date": "12/09/2024", "Ship By": "12/11/2024", "Delivery Date": "12/16/2024", "Customer Name": "José Núñez", "Line#": "2", "Status": "Shipped", "Item Description": "Spoon", "Qty": "2", "Item Cost": "$5.25", "Carrier": "USPS", "Tracking Number": "9205590164917312751089", "Tracking Url": "https://tools.usps.com/go/TrackConfirmAction?tLabels=9205590164917312751089"},
]), encoding="cp1252")

# Temu (UK), UTF-16 with a BOM, tab-separated as Excel's "Unicode text" is.
write("temu_orders.txt", table("temu", [
    {"Order ID": "PO-211-01234567890123456", "Order Status": "Shipped", "Product Name": "Phone Stand", "Quantity Purchased": "2", "Recipient Name": "Oliver Smith", "Ship Country": "United Kingdom", "Purchase Date": "2024-12-09 10:00:00", "Latest Shipping Time": "2024-12-11 23:59:59", "Latest Delivery Time": "2024-12-20 23:59:59", "Tracking Number": "RM123456789GB", "Carrier": "Royal Mail"},
    {"Order ID": "PO-211-01234567890123456", "Order Status": "Shipped", "Product Name": "Cable", "Quantity Purchased": "1", "Recipient Name": "Oliver Smith", "Ship Country": "United Kingdom", "Purchase Date": "2024-12-09 10:00:00", "Latest Shipping Time": "2024-12-11 23:59:59", "Latest Delivery Time": "2024-12-20 23:59:59", "Tracking Number": "RM123456789GB", "Carrier": "Royal Mail"},
], "\t"), encoding="utf-16-le", bom=b"\xff\xfe")

# AliExpress legacy Chinese export, saved as GBK; the product header holds a line break.
write("aliexpress_orders.csv", table("aliexpress", [
    {"订单号": "8123456789012345", "订单状态": "等待买家收货", "买家名称": "Ivan Petrov", "下单时间": "2024-12-09 10:15:30", "订单金额": "US $25.80", "收货人名称": "Ivan P.", "收货国家": "俄罗斯", "实际发货物流:运单号": "CAINIAO:LP00123456789012", "发货时间": "2024-12-10 08:00:00", "发货期限": "2024-12-14 10:15:30"},
    {"订单号": "8123456789019999", "订单状态": "交易完成", "买家名称": "", "下单时间": "2024-12-01 09:00:00", "订单金额": "10.00", "收货人名称": "Ahmed Ali", "收货国家": "沙特阿拉伯", "实际发货物流:运单号": "顺丰:SF1234567890", "发货时间": "2024-12-02 08:00:00", "确认收货时间": "2024-12-12 12:00:00"},
]), encoding="gbk")

# A Shopee Indonesia export with localised headers no preset knows: read with a mapping.
write("shopee_id_localised.csv",
      "No. Pesanan,Status Pesanan,Nama Penerima,Username (Pembeli),Negara,Jumlah,Total Pembayaran,Opsi Pengiriman,No. Resi,Waktu Pesanan Dibuat\n"
      "241209ID0001,Selesai,Budi Santoso,budi_s,Indonesia,2,Rp120.000,J&T Express,JP1234567890,2024-12-09 10:00\n"
      "241209ID0002,Dikirim,Siti Rahma,siti.r,ID,1,Rp45.500,SiCepat,SC000111222,2024-12-09 11:30\n")
