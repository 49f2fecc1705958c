# QuickReply starter library: French (fr) translation of en.ftl.
# Translate the text and .title only; keep keys and { $variables } unchanged.
# The buyer is addressed with « vous ». The space before : ; ! ? is a no-break space (U+00A0).
# In French the plural category "one" covers 0 and 1.

## Shipping

where-is-my-order =
    Bonjour { $buyer_name }, merci pour votre patience ! Votre commande { $order_id } a été expédiée avec { $carrier } le { DATETIME($shipped_at, dateStyle: "medium") } et elle est en route.
    Vous pouvez la suivre ici (numéro de suivi : { $tracking_number }) : { $tracking_url }
    La date de livraison estimée est le { DATETIME($eta, dateStyle: "long") }. Si vous ne l'avez pas reçue d'ici là, écrivez-nous et nous nous en occuperons immédiatement.
    — L'équipe { $shop_name }
    .title = Où est ma commande ?

shipping-delay =
    Bonjour { $buyer_name }, nous sommes désolés : la livraison de votre commande { $order_id } prend plus de temps que prévu. Le colis est toujours en cours d'acheminement par { $carrier }, et la date de livraison estimée est désormais le { DATETIME($eta, dateStyle: "long") }.
    Vous pouvez consulter le dernier statut ici : { $tracking_url }
    Nous suivons le colis de près et vous préviendrons en cas de changement. Merci de votre patience et de votre compréhension.
    — L'équipe { $shop_name }
    .title = Retard de livraison

tracking-number =
    Bonjour { $buyer_name }, bonne nouvelle : votre commande { $order_id } a été expédiée avec { $carrier }.
    Numéro de suivi : { $tracking_number }
    Suivre le colis : { $tracking_url }
    La première mise à jour du suivi peut mettre un ou deux jours à apparaître. Merci pour votre achat !
    — L'équipe { $shop_name }
    .title = Numéro de suivi

customs-duties =
    Bonjour { $buyer_name }, merci pour votre question concernant la commande { $order_id }. Selon votre pays, la douane peut percevoir des droits ou des taxes d'importation à l'arrivée du colis ; leur montant est fixé par les autorités douanières de votre pays, et non par notre boutique. Si ces taxes ont déjà été payées lors de votre commande sur { $marketplace }, vous ne devriez pas avoir à les payer une seconde fois : envoyez-nous une photo de l'avis reçu et nous vous aiderons à régler la situation.
    — L'équipe { $shop_name }
    .title = Droits de douane et taxes d'importation

## Returns and refunds

return-request =
    Bonjour { $buyer_name }, nous sommes désolés que votre commande { $order_id } ne vous convienne pas. Merci d'ouvrir une demande de retour depuis la page de la commande sur { $marketplace } : ainsi, le retour est suivi et entièrement protégé. Dès réception du retour, nous procéderons à votre remboursement. Pour toute question, il vous suffit de répondre à ce message.
    — L'équipe { $shop_name }
    .title = Demande de retour

refund-issued =
    Bonjour { $buyer_name }, nous avons effectué un remboursement de { NUMBER($total, minimumFractionDigits: 2) } { $currency } pour votre commande { $order_id }. Selon votre banque ou votre moyen de paiement, il peut mettre quelques jours ouvrés à apparaître sur votre compte. Merci de votre patience, et n'hésitez pas à nous écrire si nous pouvons vous aider pour autre chose.
    — L'équipe { $shop_name }
    .title = Remboursement effectué

## Payments and orders

payment-methods =
    Bonjour { $buyer_name }, merci de votre intérêt ! Le paiement est traité de manière sécurisée par { $marketplace } lors de la commande : vous pouvez donc utiliser tous les moyens de paiement proposés par { $marketplace } dans votre pays. Pour votre sécurité, payez toujours via { $marketplace } et jamais en dehors de la plateforme.
    — L'équipe { $shop_name }
    .title = Moyens de paiement

address-change =
    Bonjour { $buyer_name }, merci de nous avoir prévenus. Envoyez-nous votre nouvelle adresse complète, avec le code postal et un numéro de téléphone, et nous ferons notre possible pour mettre à jour la commande { $order_id }. Si le colis a déjà été remis au transporteur, il ne sera peut-être plus possible de modifier l'adresse, mais nous vous indiquerons tout de suite les solutions possibles.
    — L'équipe { $shop_name }
    .title = Changement d'adresse

out-of-stock =
    Bonjour { $buyer_name }, nous sommes vraiment désolés : { $item_count ->
        [one] l'article de votre commande { $order_id } est
       *[other] un ou plusieurs des { $item_count } articles de votre commande { $order_id } sont
    } malheureusement en rupture de stock. Nous pouvons vous rembourser intégralement ce qui n'est pas disponible ou, si vous préférez patienter, vous l'expédier dès le réapprovisionnement. Merci de nous indiquer ce que vous préférez, et toutes nos excuses pour ce désagrément.
    — L'équipe { $shop_name }
    .title = Rupture de stock

thanks-for-order =
    Bonjour { $buyer_name }, merci pour votre commande { $order_id } sur { $marketplace } ! Nous préparons avec soin { $item_count ->
        [one] votre article
       *[other] vos { $item_count } articles
    } et vous enverrons le numéro de suivi dès l'expédition. Pour toute question d'ici là, il vous suffit de répondre à ce message.
    — L'équipe { $shop_name }
    .title = Merci pour votre commande

review-request =
    Bonjour { $buyer_name }, nous espérons que votre commande { $order_id } vous donne entière satisfaction ! Si vous avez un moment, nous apprécierions beaucoup votre avis sincère sur { $marketplace } : il aide les autres acheteurs et nous aide à nous améliorer. Et si quelque chose ne va pas, répondez simplement à ce message, nous serons ravis de vous aider.
    Merci d'avoir choisi { $shop_name } !
    .title = Demande d'avis

## Product questions

halal-certificate =
    Bonjour { $buyer_name }, merci pour votre question ! Oui, ce produit est certifié halal. Si vous le souhaitez, je peux vous envoyer ici une copie du certificat halal.
    — L'équipe { $shop_name }
    .title = Certificat halal
