// An order as the backend sends it (every field present, null when unknown), from the few fields
// a fake or a test cares about.
import type { Order } from "../api";

export function order(fields: Partial<Order> & Pick<Order, "marketplace" | "order_id">): Order {
  return {
    buyer_name: null,
    buyer_country: null,
    buyer_locale: null,
    items: null,
    item_count: null,
    total: null,
    currency: null,
    carrier: null,
    tracking_number: null,
    tracking_url: null,
    ordered_at: null,
    shipped_at: null,
    eta: null,
    status: null,
    delivered_at: null,
    ship_by: null,
    product_name: null,
    raw: {},
    ...fields,
  };
}
