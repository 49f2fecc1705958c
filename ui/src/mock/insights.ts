// The fake backend's Insights (library window): fixed figures for a small shop with Arabic,
// Malay and English buyers, and learned picks that can be forgotten. `?insights=empty`: no
// buyer messages yet (the view's empty states).
import type { Insights, InsightTopic, LearnedPick } from "../api";
import { params } from "./data";

const day = (d: Date) => d.toISOString().slice(0, 10);

const TOPICS: InsightTopic[] = [
  {
    id: 1,
    label: "where is my order",
    size: 42,
    this_week: 17,
    last_week: 3,
    rising: true,
    examples: ["وين الطلب حقي؟", "where is my parcel, it's been a week", "bila barang saya sampai?"],
    top_reply: { key: "order-shipped", title: "Tracking number" },
    languages: ["ar", "en", "ms"],
  },
  {
    id: 2,
    label: "refund status",
    size: 15,
    this_week: 4,
    last_week: 5,
    rising: false,
    examples: ["did you send the refund?", "متى يرجع المبلغ؟"],
    top_reply: { key: "refund-done", title: "Refund processed" },
    languages: ["en", "ar"],
  },
];

const UNANSWERED: InsightTopic[] = [
  {
    id: 7,
    label: "change delivery address",
    size: 9,
    this_week: 6,
    last_week: 1,
    rising: true,
    examples: ["can I change the address?", "أبغى أغير العنوان", "boleh tukar alamat penghantaran?"],
    top_reply: null,
    languages: ["en", "ar", "ms"],
  },
];

let picks: LearnedPick[] = [
  { id: 31, message: "وين الطلب حقي؟", lang: "ar", key: "order-shipped", title: "Tracking number", at: "2025-11-24T09:12:00Z" },
  { id: 30, message: "my parcel is late", lang: "en", key: "delivery-delay", title: "Apology for delay", at: "2025-11-23T15:40:00Z" },
  { id: 29, message: "terima kasih!", lang: "ms", key: "refund-done", title: "Refund processed", at: "2025-11-22T02:05:00Z" },
];

export function insights(a: { since: string | null }): Insights {
  const until = new Date();
  const since = a.since ?? day(new Date(until.getTime() - 27 * 86_400_000));
  if (params.get("insights") === "empty") {
    return { since, until: day(until), messages: 0, uses: 0, top_replies: [], languages: [], by_hour: Array(24).fill(0), by_weekday: Array(7).fill(0), topics: [], unanswered: [] };
  }
  const hourShape = [0, 0, 0, 0, 0, 0, 1, 3, 6, 11, 15, 13, 9, 10, 13, 16, 14, 11, 7, 4, 3, 2, 1, 0];
  return {
    since,
    until: day(until),
    messages: 66,
    uses: 139,
    top_replies: [
      { key: "order-shipped", title: "Tracking number", uses: 58 },
      { key: "refund-done", title: "Refund processed", uses: 21 },
      { key: "greeting", title: "Greeting", uses: 17 },
    ],
    languages: [
      { lang: "ar", messages: 31, uses: 64 },
      { lang: "ms", messages: 20, uses: 41 },
      { lang: "en", messages: 15, uses: 34 },
    ],
    by_hour: hourShape,
    by_weekday: [28, 24, 19, 22, 25, 12, 9],
    topics: structuredClone(TOPICS),
    unanswered: structuredClone(UNANSWERED),
  };
}

export function learnedPicks(a: { limit: number }): LearnedPick[] {
  return params.get("insights") === "empty" ? [] : structuredClone(picks.slice(0, a.limit));
}

export function forgetPick(a: { id: number }): null {
  picks = picks.filter((p) => p.id !== a.id);
  return null;
}
