// The Insights view's question topics and unanswered questions: each a group of buyer messages
// (its label, size, this week against last week, "Rising", a few examples as text in their own
// direction, the reply used most and the languages). An unanswered one offers "New reply from
// these": the library editor on a new reply with the examples as its example questions.
import type { InsightTopic } from "../../api";
import { h } from "../../h";
import { t } from "../../i18n";
import { langLabel } from "../../components/lang-label";

/** Examples shown per topic. */
export const TOPIC_EXAMPLES = 3;

export interface TopicActions {
  /** Open a reply in the editor. */
  openReply(key: string): void;
  /** A new reply with these example questions. */
  newReply(examples: string[]): void;
}

function topicItem(topic: InsightTopic, unanswered: boolean, on: TopicActions): HTMLElement {
  const examples = topic.examples.slice(0, TOPIC_EXAMPLES);
  const changed = topic.this_week > 0 || topic.last_week > 0;
  return h(
    "li",
    { class: ["topic", topic.rising && "topic-rising", unanswered && "topic-unanswered"], "data-testid": (unanswered ? "insights-unanswered-" : "insights-topic-") + topic.id },
    h(
      "div",
      { class: "topic-head" },
      h("bdi", { class: "topic-label", dir: "auto" }, topic.label),
      h("span", { class: "badge" }, t("insights.topic.size", { n: topic.size })),
      changed ? h("span", { class: "topic-change muted" }, t("insights.topic.change", { last: topic.last_week, now: topic.this_week })) : null,
      topic.rising ? h("span", { class: "badge badge-warn topic-rising-badge", "data-testid": "insights-rising-" + topic.id }, t("insights.topic.rising")) : null,
      h("span", { class: "actions-gap" }),
      topic.languages.map((l) => h("span", { class: "badge", title: langLabel(l) }, l)),
    ),
    examples.length
      ? h(
          "ul",
          { class: "topic-examples", "aria-label": t("insights.topic.examples") },
          examples.map((e) => h("li", null, h("bdi", { dir: "auto" }, e))),
        )
      : null,
    h(
      "div",
      { class: "topic-foot" },
      topic.top_reply
        ? h(
            "span",
            { class: "topic-reply" },
            t(unanswered ? "insights.topic.triedReply" : "insights.topic.reply"),
            " ",
            h("button", { type: "button", class: "btn-link", onclick: () => on.openReply(topic.top_reply!.key) }, h("bdi", { dir: "auto" }, topic.top_reply.title || topic.top_reply.key)),
          )
        : unanswered
          ? null
          : h("span", { class: "muted" }, t("insights.topic.noReply")),
      unanswered
        ? [
            h("span", { class: "actions-gap" }),
            h(
              "button",
              { type: "button", class: "btn btn-small edit-only", "data-testid": "insights-new-" + topic.id, onclick: () => on.newReply(topic.examples) },
              t("insights.unanswered.newReply"),
            ),
          ]
        : null,
    ),
  );
}

/** The topics as a list, or `empty` (a note) when there are none. */
export function topicList(topics: readonly InsightTopic[], unanswered: boolean, empty: string, on: TopicActions): HTMLElement {
  if (!topics.length) return h("p", { class: "empty-note" }, empty);
  return h(
    "ul",
    { class: "topic-list" },
    topics.map((topic) => topicItem(topic, unanswered, on)),
  );
}
