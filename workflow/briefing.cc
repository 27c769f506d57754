#include "workflow/briefing.h"

#include <algorithm>
#include <unordered_map>

#include "base/clock.h"
#include "text/utf8.h"

namespace kapi::workflow {
namespace {

constexpr int64_t kWeekMs = 7 * 86'400'000LL;
constexpr size_t kSnippetBytes = 160;
constexpr int kPage = 500;

// Reads every case matching `filter` (newest first, pages of 500) into `out`, until `budget`
// cases have been read in total; false when the budget cut it short.
Status ReadAll(store::Store& store, cases::CaseFilter filter,
               std::unordered_map<int64_t, cases::CaseRecord>& out, int& budget, bool& truncated) {
  filter.limit = kPage;
  while (budget > 0) {
    auto page = store.ListCases(filter);
    if (!page.ok()) return page.status();
    for (auto& c : *page) {
      if (budget-- <= 0) {
        truncated = true;
        return Status::Ok();
      }
      out.emplace(c.id, std::move(c));
    }
    if (page->size() < static_cast<size_t>(kPage)) return Status::Ok();
    filter.before_id = page->back().id;
  }
  truncated = true;
  return Status::Ok();
}

void Count(std::map<std::string, WeekCount>& counts, const std::string& key, bool this_week) {
  WeekCount& c = counts[key];
  c.key = key;
  (this_week ? c.week : c.previous)++;
}

std::vector<WeekCount> Sorted(const std::map<std::string, WeekCount>& counts) {
  std::vector<WeekCount> out;
  for (const auto& [k, c] : counts) out.push_back(c);
  std::sort(out.begin(), out.end(), [](const WeekCount& a, const WeekCount& b) {
    return a.week != b.week ? a.week > b.week : a.key < b.key;
  });
  return out;
}

nlohmann::json CaseJson(const BriefingCase& c) {
  nlohmann::json j = {{"id", c.id},
                      {"tracking_code", c.tracking_code},
                      {"text_masked", c.snippet},
                      {"received_at", FormatRfc3339(c.received_at_ms)}};
  if (!c.topic.empty()) j["topic"] = c.topic;
  if (c.due_at_ms > 0) j["due_at"] = FormatRfc3339(c.due_at_ms);
  return j;
}

nlohmann::json CountsJson(const std::vector<WeekCount>& counts) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : counts) {
    a.push_back({{"key", c.key}, {"week", c.week}, {"previous_week", c.previous}});
  }
  return a;
}

}  // namespace

Result<Briefing> BuildBriefing(store::Store& store, const Principal& who, const UnitTree& units,
                               const cases::SlaClock* sla, int64_t now_ms) {
  KAPI_RETURN_IF_ERROR(Authorize(who, Action::kViewBriefing, nullptr, units));
  cases::CaseFilter scope;
  if (who.role == Role::kUnitManager) scope.unit_in = units.Subtree(who.unit_code);

  std::unordered_map<int64_t, cases::CaseRecord> all;
  int budget = kBriefingMaxCases;
  Briefing b;
  b.now_ms = now_ms;
  // The last two weeks' intake, then every case still open whenever it came in.
  cases::CaseFilter recent = scope;
  recent.received_from_ms = now_ms - 2 * kWeekMs;
  recent.received_to_ms = now_ms + 1;
  KAPI_RETURN_IF_ERROR(ReadAll(store, recent, all, budget, b.truncated));
  for (cases::CaseState s : cases::AllCaseStates()) {
    if (!cases::IsOpen(s)) continue;
    cases::CaseFilter open = scope;
    open.state = s;
    KAPI_RETURN_IF_ERROR(ReadAll(store, open, all, budget, b.truncated));
  }

  auto topics = store.ListTopics();
  if (!topics.ok()) return topics.status();
  std::map<std::string, std::string> topic_names;
  for (const auto& t : *topics) topic_names[t.code] = t.name;
  auto topic_of = [&](const cases::CaseRecord& c) {
    auto it = topic_names.find(c.topic_code);
    return it == topic_names.end() ? std::string() : it->second;
  };
  auto item = [&](const cases::CaseRecord& c) {
    return BriefingCase{c.id,        c.tracking_code,  text::Snippet(c.text_masked, kSnippetBytes),
                        topic_of(c), c.received_at_ms, c.due_at_ms};
  };

  std::map<std::string, WeekCount> channels, topic_counts;
  std::map<std::string, DuplicateGroup> clusters;
  std::vector<std::pair<int64_t, BriefingCase>> overdue;  // (due, case)
  for (const auto& [id, c] : all) {
    const bool this_week = c.received_at_ms >= now_ms - kWeekMs;
    const bool recent_two = c.received_at_ms >= now_ms - 2 * kWeekMs;
    nlohmann::json sj = nlohmann::json::parse(
        c.suggestions_json.empty() ? "{}" : c.suggestions_json, nullptr, false);
    if (!sj.is_object()) sj = nlohmann::json::object();
    if (recent_two) {
      (this_week ? b.received.week : b.received.previous)++;
      Count(channels, std::string(cases::ChannelName(c.channel)), this_week);
      const std::string topic = topic_of(c);
      Count(topic_counts, topic.empty() ? "Yönlendirilmemiş (unrouted)" : topic, this_week);
    }
    if (!cases::IsOpen(c.state) && c.updated_at_ms >= now_ms - 2 * kWeekMs) {
      (c.updated_at_ms >= now_ms - kWeekMs ? b.answered.week : b.answered.previous)++;
    }
    if (this_week) {
      if (auto s = sj.find("sentiment"); s != sj.end() && s->is_object()) {
        if (auto l = s->find("label"); l != s->end() && l->is_string()) {
          ++b.sentiment[l->get<std::string>()];
        }
      }
      if (auto cl = sj.find("cluster"); cl != sj.end() && cl->is_string()) {
        DuplicateGroup& g = clusters[cl->get<std::string>()];
        g.cluster = cl->get<std::string>();
        ++g.cases;
        if (c.received_at_ms >= g.latest.received_at_ms) {
          g.latest = item(c);
          g.topic = g.latest.topic;
        }
      }
    }
    if (!cases::IsOpen(c.state)) continue;
    ++b.open;
    if (c.state == cases::CaseState::kAwaitingApproval) ++b.awaiting_approval;
    if (c.assignee.empty()) ++b.unassigned;
    if (auto e = sj.find("emergency"); e != sj.end() && e->is_boolean() && e->get<bool>()) {
      b.emergencies.push_back(item(c));
    }
    if (sla && c.due_at_ms > 0) {
      switch (sla->StatusAt(c.due_at_ms, now_ms).state) {
        case cases::SlaState::kOverdue:
          ++b.overdue;
          overdue.emplace_back(c.due_at_ms, item(c));
          break;
        case cases::SlaState::kDueSoon:
          ++b.due_soon;
          break;
        case cases::SlaState::kOnTime:
          break;
      }
    }
  }
  b.by_channel = Sorted(channels);
  b.by_topic = Sorted(topic_counts);
  for (auto& [k, g] : clusters) {
    if (g.cases >= kMinDuplicateGroup) b.duplicates.push_back(std::move(g));
  }
  std::sort(b.duplicates.begin(), b.duplicates.end(),
            [](const auto& x, const auto& y) { return x.cases > y.cases; });
  if (b.duplicates.size() > 10) b.duplicates.resize(10);
  std::sort(b.emergencies.begin(), b.emergencies.end(),
            [](const auto& x, const auto& y) { return x.received_at_ms > y.received_at_ms; });
  std::sort(overdue.begin(), overdue.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  for (size_t i = 0; i < overdue.size() && i < 5; ++i) b.most_overdue.push_back(overdue[i].second);
  return b;
}

nlohmann::json BriefingJson(const Briefing& b) {
  nlohmann::json j = {
      {"at", FormatRfc3339(b.now_ms)},
      {"open", b.open},
      {"overdue", b.overdue},
      {"due_soon", b.due_soon},
      {"awaiting_approval", b.awaiting_approval},
      {"unassigned", b.unassigned},
      {"received", {{"week", b.received.week}, {"previous_week", b.received.previous}}},
      {"answered", {{"week", b.answered.week}, {"previous_week", b.answered.previous}}},
      {"by_channel", CountsJson(b.by_channel)},
      {"by_topic", CountsJson(b.by_topic)},
      {"sentiment", b.sentiment},
      {"truncated", b.truncated}};
  nlohmann::json dups = nlohmann::json::array();
  for (const auto& g : b.duplicates) {
    dups.push_back({{"cluster", g.cluster},
                    {"cases", g.cases},
                    {"topic", g.topic},
                    {"latest", CaseJson(g.latest)}});
  }
  j["duplicates"] = std::move(dups);
  for (const auto& [name, list] :
       {std::pair{"emergencies", &b.emergencies}, {"most_overdue", &b.most_overdue}}) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& c : *list) a.push_back(CaseJson(c));
    j[name] = std::move(a);
  }
  return j;
}

}  // namespace kapi::workflow
