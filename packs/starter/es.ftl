# QuickReply starter library: Spanish (es) translation of en.ftl.
# Translate the text and .title only; keep keys and { $variables } unchanged.
# The buyer is addressed with «usted»; the wording avoids regional vocabulary where possible.

## Shipping

where-is-my-order =
    Hola, { $buyer_name }. ¡Gracias por su paciencia! Su pedido { $order_id } se envió con { $carrier } el { DATETIME($shipped_at, dateStyle: "medium") } y ya está en camino.
    Puede seguirlo aquí (número de seguimiento: { $tracking_number }): { $tracking_url }
    La fecha estimada de entrega es el { DATETIME($eta, dateStyle: "long") }. Si no lo ha recibido para entonces, escríbanos y lo revisaremos de inmediato.
    — El equipo de { $shop_name }
    .title = ¿Dónde está mi pedido?

shipping-delay =
    Hola, { $buyer_name }. Lamentamos que su pedido { $order_id } esté tardando más de lo previsto. El paquete sigue en tránsito con { $carrier } y la fecha estimada de entrega es ahora el { DATETIME($eta, dateStyle: "long") }.
    Puede consultar el estado más reciente aquí: { $tracking_url }
    Estamos pendientes del envío y le avisaremos si hay cualquier cambio. Gracias por su paciencia y comprensión.
    — El equipo de { $shop_name }
    .title = Retraso en el envío

tracking-number =
    Hola, { $buyer_name }. ¡Buenas noticias! Su pedido { $order_id } ya se envió con { $carrier }.
    Número de seguimiento: { $tracking_number }
    Seguimiento del paquete: { $tracking_url }
    La primera actualización del seguimiento puede tardar uno o dos días en aparecer. ¡Gracias por su compra!
    — El equipo de { $shop_name }
    .title = Número de seguimiento

customs-duties =
    Hola, { $buyer_name }. Gracias por su consulta sobre el pedido { $order_id }. Según su país, la aduana puede cobrar aranceles o impuestos de importación cuando llegue el paquete; estos los fijan las autoridades aduaneras de su país, no nuestra tienda. Si esos impuestos ya se cobraron al pagar en { $marketplace }, no debería tener que pagarlos de nuevo: envíenos una foto del aviso que reciba y le ayudaremos a resolverlo.
    — El equipo de { $shop_name }
    .title = Aranceles e impuestos de importación

## Returns and refunds

return-request =
    Hola, { $buyer_name }. Lamentamos que su pedido { $order_id } no haya cumplido sus expectativas. Por favor, solicite la devolución desde la página del pedido en { $marketplace }; así la devolución queda registrada y totalmente protegida. En cuanto recibamos el producto, tramitaremos su reembolso. Si tiene cualquier duda, solo tiene que responder a este mensaje.
    — El equipo de { $shop_name }
    .title = Solicitud de devolución

refund-issued =
    Hola, { $buyer_name }. Hemos emitido un reembolso de { NUMBER($total, minimumFractionDigits: 2) } { $currency } por su pedido { $order_id }. Según su banco o método de pago, puede tardar unos días hábiles en reflejarse en su cuenta. Gracias por su paciencia; si podemos ayudarle en algo más, no dude en escribirnos.
    — El equipo de { $shop_name }
    .title = Reembolso emitido

## Payments and orders

payment-methods =
    Hola, { $buyer_name }. ¡Gracias por su interés! El pago se procesa de forma segura a través de { $marketplace } al finalizar la compra, por lo que puede usar cualquier método de pago que { $marketplace } ofrezca en su país. Por su seguridad, pague siempre a través de { $marketplace } y nunca fuera de la plataforma.
    — El equipo de { $shop_name }
    .title = Métodos de pago

address-change =
    Hola, { $buyer_name }. Gracias por avisarnos. Envíenos su nueva dirección completa, con el código postal y un número de teléfono, y haremos todo lo posible por actualizar el pedido { $order_id }. Si el paquete ya se entregó a la empresa de transporte, es posible que no podamos cambiarla, pero le informaremos de inmediato de las opciones disponibles.
    — El equipo de { $shop_name }
    .title = Cambio de dirección

out-of-stock =
    Hola, { $buyer_name }. Lo sentimos mucho: { $item_count ->
        [one] el artículo de su pedido { $order_id } se ha agotado
       *[other] uno o varios de los { $item_count } artículos de su pedido { $order_id } se han agotado
    } inesperadamente. Podemos reembolsarle íntegramente lo que no esté disponible o, si prefiere esperar, enviárselo en cuanto recibamos nuevas existencias. Díganos qué opción prefiere; le pedimos disculpas por las molestias.
    — El equipo de { $shop_name }
    .title = Producto agotado

thanks-for-order =
    Hola, { $buyer_name }. ¡Gracias por su pedido { $order_id } en { $marketplace }! Estamos preparando con cuidado { $item_count ->
        [one] su artículo
       *[other] sus { $item_count } artículos
    } y le enviaremos el número de seguimiento en cuanto despachemos el pedido. Si tiene alguna pregunta mientras tanto, solo tiene que responder a este mensaje.
    — El equipo de { $shop_name }
    .title = Gracias por su pedido

review-request =
    Hola, { $buyer_name }. ¡Esperamos que esté disfrutando de su pedido { $order_id }! Si tiene un momento, le agradeceríamos mucho su opinión sincera en { $marketplace }: ayuda a otros compradores y nos ayuda a mejorar. Y si algo no está bien, simplemente responda a este mensaje y con gusto le ayudaremos.
    ¡Gracias por comprar en { $shop_name }!
    .title = Solicitud de reseña

## Product questions

halal-certificate =
    Hola, { $buyer_name }. ¡Gracias por su pregunta! Sí, este producto cuenta con certificación halal. Si lo desea, puedo enviarle aquí una copia del certificado halal.
    — El equipo de { $shop_name }
    .title = Certificado halal
