#!/usr/bin/env python3
"""Writes the snapshot corpora of tests/json/ from documents written by hand.

valid/*.json      snapshots of reachable candidacies, in the canonical form
                  that hireguard::snapshot writes (every field, in order).
malformed/*.json  one thing wrong each; malformed/EXPECTED lists, for each
                  file, the field that restore must name ("-" for the
                  document itself: malformed JSON, not an object).
valid_job/, malformed_job/   the same for snapshots of jobs (restore_job).

The expected fields are written here by hand from docs/domain.md and
docs/persistence.md, never taken from the library. Run from anywhere:
    python3 tests/json/make_corpus.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

POLICY = {"offer_lifetime_seconds": 2592000, "feedback_window_seconds": 1209600,
          "minimum_milestone": 500, "cap_hires_at_openings": True}


def data(**changes):
    d = {"job": 7, "freelancer": 42, "last_event_at": None, "terms": None, "offer_sent_at": None,
         "hired_at": None, "started_at": None, "ended_at": None, "minutes_logged": 0, "milestone": "none",
         "milestone_amount": 0, "paid": 0, "milestones_paid": 0, "client_left_feedback": False,
         "freelancer_left_feedback": False}
    for k, v in changes.items():
        assert k in d, k
        d[k] = v
    return d


def doc(state, policy=None, **changes):
    return {"format": 1, "state": state, "policy": dict(policy or POLICY), "data": data(**changes)}


HOURLY = {"kind": "hourly", "hourly_rate": 4500, "first_milestone": 0, "start_date": None}
FIXED_LATER = {"kind": "fixed_price", "hourly_rate": 0, "first_milestone": 15000,
               "start_date": "2026-02-10T00:00:00Z"}
FIXED = {"kind": "fixed_price", "hourly_rate": -100, "first_milestone": 20000, "start_date": None}

VALID = {
    "prospect": doc("prospect"),
    "invited_untimed": doc("invited"),
    "submitted": doc("submitted", last_event_at="2026-01-05T09:00:00Z"),
    "interviewing": doc("interviewing", last_event_at="2026-01-05T12:00:00Z"),
    "offered_hourly": doc("offered", last_event_at="2026-01-06T10:00:00Z", terms=HOURLY,
                          offer_sent_at="2026-01-06T10:00:00Z"),
    "active_hourly": doc("contract_active", last_event_at="2026-01-07T17:00:00Z", terms=HOURLY,
                         offer_sent_at="2026-01-06T10:00:00Z", hired_at="2026-01-07T08:30:00Z",
                         started_at="2026-01-07T08:30:00Z", minutes_logged=90),
    "pending_fixed": doc("contract_pending",
                         {"offer_lifetime_seconds": 604800, "feedback_window_seconds": 1209600,
                          "minimum_milestone": 1000, "cap_hires_at_openings": False},
                         job=3, freelancer=18446744073709551615, last_event_at="2026-02-03T09:00:00Z",
                         terms=FIXED_LATER, offer_sent_at="2026-02-02T10:00:00Z", hired_at="2026-02-03T09:00:00Z",
                         milestone="funded", milestone_amount=15000),
    "paused_fixed_submitted": doc("contract_paused", last_event_at="2026-03-09T10:00:00Z", terms=FIXED,
                                  offer_sent_at="2026-03-01T10:00:00Z", hired_at="2026-03-02T10:00:00Z",
                                  started_at="2026-03-02T10:00:00Z", minutes_logged=600, milestone="submitted",
                                  milestone_amount=30000, paid=20000, milestones_paid=1),
    "ended_hourly_feedback": doc("contract_ended", last_event_at="2026-01-20T09:00:00Z", terms=HOURLY,
                                 offer_sent_at="2026-01-06T10:00:00Z", hired_at="2026-01-07T08:30:00Z",
                                 started_at="2026-01-07T08:30:00Z", ended_at="2026-01-15T18:00:00Z",
                                 minutes_logged=2400, client_left_feedback=True),
    "ended_before_start": doc("contract_ended", last_event_at="2026-02-05T09:00:00Z", terms=FIXED_LATER,
                              offer_sent_at="2026-02-02T10:00:00Z", hired_at="2026-02-03T09:00:00Z",
                              ended_at="2026-02-05T09:00:00Z", milestone="funded", milestone_amount=15000),
    "closed_with_offer": doc("closed", last_event_at="2026-01-08T00:00:00Z", terms=HOURLY,
                             offer_sent_at="2026-01-06T10:00:00Z"),
    "closed_without_offer": doc("closed", last_event_at="2026-01-08T00:00:00Z"),
    "offer_declined": doc("offer_declined", last_event_at="2026-01-09T00:00:00Z", terms=HOURLY,
                          offer_sent_at="2026-01-06T10:00:00Z"),
    "withdrawn": doc("withdrawn", last_event_at="2026-01-09T00:00:00Z"),
}


def changed(base, path, value):
    d = copy.deepcopy(VALID[base])
    *parents, last = path.split(".")
    target = d
    for p in parents:
        target = target[p]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return d


DELETE = object()

# name: (document or text, the field restore must name)
MALFORMED = {
    # The document itself.
    "empty": ("", ""),
    "truncated": ('{"format": 1, "state": "prospect", "policy": {', ""),
    "trailing_garbage": (json.dumps(VALID["prospect"]) + " x", ""),
    "top_level_array": ("[1, 2]", ""),
    "top_level_string": ('"contract_active"', ""),
    "unknown_top_field": (changed("prospect", "comment", "hi"), "comment"),
    "format_missing": (changed("prospect", "format", DELETE), "format"),
    "format_2": (changed("prospect", "format", 2), "format"),
    "format_string": (changed("prospect", "format", "1"), "format"),
    "format_float": ('{"format": 1.0, "state": "prospect"}', "format"),
    "state_missing": (changed("prospect", "state", DELETE), "state"),
    "state_unknown": (changed("interviewing", "state", "hired"), "state"),
    "state_wrong_case": (changed("interviewing", "state", "Interviewing"), "state"),
    "state_number": (changed("interviewing", "state", 3), "state"),
    # The policy.
    "policy_missing": (changed("prospect", "policy", DELETE), "policy"),
    "policy_null": (changed("prospect", "policy", None), "policy"),
    "policy_unknown_field": (changed("prospect", "policy.offer_lifetime_days", 30), "policy.offer_lifetime_days"),
    "policy_offer_lifetime_zero": (changed("prospect", "policy.offer_lifetime_seconds", 0),
                                   "policy.offer_lifetime_seconds"),
    "policy_offer_lifetime_missing": (changed("prospect", "policy.offer_lifetime_seconds", DELETE),
                                      "policy.offer_lifetime_seconds"),
    "policy_feedback_window_over_100_years": (changed("prospect", "policy.feedback_window_seconds", 3155760001),
                                              "policy.feedback_window_seconds"),
    "policy_minimum_milestone_negative": (changed("prospect", "policy.minimum_milestone", -500),
                                          "policy.minimum_milestone"),
    "policy_minimum_milestone_too_large": (changed("prospect", "policy.minimum_milestone", 100000001),
                                           "policy.minimum_milestone"),
    "policy_cap_not_bool": (changed("prospect", "policy.cap_hires_at_openings", 1), "policy.cap_hires_at_openings"),
    # Fields of the data, one at a time.
    "data_missing": (changed("prospect", "data", DELETE), "data"),
    "data_array": (changed("prospect", "data", []), "data"),
    "data_unknown_field": (changed("active_hourly", "data.minutes", 90), "data.minutes"),
    "job_negative": (changed("prospect", "data.job", -7), "data.job"),
    "job_too_large": ('{"format": 1, "state": "prospect", "policy": ' + json.dumps(POLICY) +
                      ', "data": ' + json.dumps(data()).replace('"job": 7', '"job": 18446744073709551616') + "}",
                      "data.job"),
    "freelancer_missing": (changed("prospect", "data.freelancer", DELETE), "data.freelancer"),
    "last_event_at_missing": (changed("interviewing", "data.last_event_at", DELETE), "data.last_event_at"),
    "last_event_at_with_space": (changed("interviewing", "data.last_event_at", "2026-01-05 12:00:00"),
                                 "data.last_event_at"),
    "last_event_at_with_offset": (changed("interviewing", "data.last_event_at", "2026-01-05T12:00:00+01:00"),
                                  "data.last_event_at"),
    "last_event_at_number": (changed("interviewing", "data.last_event_at", 1767614400), "data.last_event_at"),
    "hired_at_february_30": (changed("active_hourly", "data.hired_at", "2026-02-30T08:30:00Z"), "data.hired_at"),
    "started_at_hour_24": (changed("active_hourly", "data.started_at", "2026-01-07T24:00:00Z"), "data.started_at"),
    "offer_sent_at_year_1899": (changed("offered_hourly", "data.offer_sent_at", "1899-12-31T23:59:59Z"),
                                "data.offer_sent_at"),
    "terms_not_object": (changed("offered_hourly", "data.terms", "hourly"), "data.terms"),
    "terms_kind_unknown": (changed("offered_hourly", "data.terms.kind", "monthly"), "data.terms.kind"),
    "terms_unknown_field": (changed("offered_hourly", "data.terms.currency", "USD"), "data.terms.currency"),
    "terms_first_milestone_missing": (changed("offered_hourly", "data.terms.first_milestone", DELETE),
                                      "data.terms.first_milestone"),
    "terms_start_date_missing": (changed("offered_hourly", "data.terms.start_date", DELETE),
                                 "data.terms.start_date"),
    "terms_hourly_rate_zero": (changed("active_hourly", "data.terms.hourly_rate", 0), "data.terms.hourly_rate"),
    "terms_hourly_rate_dollars": (changed("active_hourly", "data.terms.hourly_rate", 45.0),
                                  "data.terms.hourly_rate"),
    "terms_fixed_first_milestone_negative": (changed("paused_fixed_submitted", "data.terms.first_milestone", -20000),
                                             "data.terms.first_milestone"),
    "minutes_logged_negative": (changed("active_hourly", "data.minutes_logged", -90), "data.minutes_logged"),
    "minutes_logged_fraction": (changed("active_hourly", "data.minutes_logged", 90.5), "data.minutes_logged"),
    "milestone_unknown": (changed("paused_fixed_submitted", "data.milestone", "paid"), "data.milestone"),
    "milestone_amount_negative": (changed("paused_fixed_submitted", "data.milestone_amount", -1),
                                  "data.milestone_amount"),
    "paid_string": (changed("paused_fixed_submitted", "data.paid", "200.00"), "data.paid"),
    "milestones_paid_over_uint32": (changed("paused_fixed_submitted", "data.milestones_paid", 4294967296),
                                    "data.milestones_paid"),
    "client_feedback_not_bool": (changed("ended_hourly_feedback", "data.client_left_feedback", "yes"),
                                 "data.client_left_feedback"),
    # The data does not fit the state (docs/domain.md).
    "minutes_logged_never_hired": (changed("interviewing", "data.minutes_logged", 90), "data.minutes_logged"),
    "minutes_logged_before_start": (changed("pending_fixed", "data.minutes_logged", 30), "data.minutes_logged"),
    "pending_without_start_date": (changed("pending_fixed", "data.terms.start_date", None), "data.terms.start_date"),
    "pending_start_date_not_after_hire": (changed("pending_fixed", "data.terms.start_date", "2026-02-03T09:00:00Z"),
                                          "data.terms.start_date"),
    "pending_started": (changed("pending_fixed", "data.started_at", "2026-02-03T09:00:00Z"), "data.started_at"),
    "pending_fixed_milestone_not_funded": (changed("pending_fixed", "data.milestone", "none"), "data.milestone"),
    "pending_fixed_milestone_other_amount": (changed("pending_fixed", "data.milestone_amount", 500),
                                             "data.milestone_amount"),
    "active_without_started_at": (changed("active_hourly", "data.started_at", None), "data.started_at"),
    "active_without_terms": (changed("active_hourly", "data.terms", None), "data.terms"),
    "paused_without_hired_at": (changed("paused_fixed_submitted", "data.hired_at", None), "data.hired_at"),
    "active_with_ended_at": (changed("active_hourly", "data.ended_at", "2026-01-07T17:00:00Z"), "data.ended_at"),
    "ended_without_ended_at": (changed("ended_hourly_feedback", "data.ended_at", None), "data.ended_at"),
    "interviewing_with_hired_at": (changed("interviewing", "data.hired_at", "2026-01-05T12:00:00Z"),
                                   "data.hired_at"),
    "interviewing_with_terms": (changed("interviewing", "data.terms", HOURLY), "data.terms"),
    "withdrawn_with_offer_sent_at": (changed("withdrawn", "data.offer_sent_at", "2026-01-06T10:00:00Z"),
                                     "data.offer_sent_at"),
    "offered_without_terms": (changed("offered_hourly", "data.terms", None), "data.terms"),
    "offered_without_offer_sent_at": (changed("offered_hourly", "data.offer_sent_at", None), "data.offer_sent_at"),
    "offer_declined_without_terms": (changed("offer_declined", "data.terms", None), "data.terms"),
    "closed_terms_without_offer_sent_at": (changed("closed_with_offer", "data.offer_sent_at", None),
                                           "data.offer_sent_at"),
    "feedback_before_the_end": (changed("active_hourly", "data.client_left_feedback", True),
                                "data.client_left_feedback"),
    "freelancer_feedback_while_paused": (changed("paused_fixed_submitted", "data.freelancer_left_feedback", True),
                                         "data.freelancer_left_feedback"),
    "milestone_on_hourly_contract": (changed("active_hourly", "data.milestone", "funded"), "data.milestone"),
    "paid_on_offer": (changed("offered_hourly", "data.paid", 500), "data.paid"),
    "funded_milestone_of_zero": (changed("paused_fixed_submitted", "data.milestone_amount", 0),
                                 "data.milestone_amount"),
    "paid_without_paid_milestones": (changed("paused_fixed_submitted", "data.milestones_paid", 0),
                                     "data.milestones_paid"),
    "hired_before_offer_sent": (changed("active_hourly", "data.hired_at", "2026-01-06T09:59:59Z"), "data.hired_at"),
    "ended_before_started": (changed("ended_hourly_feedback", "data.ended_at", "2026-01-07T08:29:59Z"),
                             "data.ended_at"),
    "last_event_before_end": (changed("ended_hourly_feedback", "data.last_event_at", "2026-01-15T17:59:59Z"),
                              "data.last_event_at"),
    "offer_without_last_event_at": (changed("offered_hourly", "data.last_event_at", None), "data.last_event_at"),
    "prospect_with_last_event_at": (changed("prospect", "data.last_event_at", "2026-01-05T12:00:00Z"),
                                    "data.last_event_at"),
}


def candidacy(origin, name, job=3, freelancer=None):
    d = copy.deepcopy(VALID[name])
    d["data"]["job"] = job
    if freelancer is not None:
        d["data"]["freelancer"] = freelancer
    return {"origin": origin, "state": d["state"], "data": d["data"]}


CLOSING = "2026-01-08T00:00:00Z"
JOB_OPEN = {"format": 1, "job": 3, "openings": 2, "open": True, "closed_at": None, "policy": dict(POLICY),
            "candidacies": [candidacy("invitation", "invited_untimed", freelancer=5),
                            candidacy("proposal", "interviewing", freelancer=7),
                            candidacy("proposal", "active_hourly", freelancer=42)]}
JOB_CLOSED = {"format": 1, "job": 3, "openings": 1, "open": False, "closed_at": CLOSING, "policy": dict(POLICY),
              "candidacies": [candidacy("direct_offer", "closed_with_offer", freelancer=5),
                              candidacy("proposal", "withdrawn", freelancer=7),
                              candidacy("proposal", "active_hourly", freelancer=42)]}
VALID_JOB = {"open": JOB_OPEN, "closed": JOB_CLOSED,
             "empty": {"format": 1, "job": 9, "openings": 1, "open": True, "closed_at": None,
                       "policy": dict(POLICY), "candidacies": []}}


def job_changed(base, path, value):
    d = copy.deepcopy(VALID_JOB[base])
    *parents, last = path.replace("[", ".").replace("]", "").split(".")
    target = d
    for p in parents:
        target = target[int(p)] if isinstance(target, list) else target[p]
    if isinstance(target, list):
        target[int(last)] = value
    elif value is DELETE:
        del target[last]
    else:
        target[last] = value
    return d


def second_hire():
    d = copy.deepcopy(VALID_JOB["closed"])
    d["candidacies"][1] = candidacy("proposal", "ended_hourly_feedback", freelancer=7)
    return d


MALFORMED_JOB = {
    "truncated": ('{"format": 1, "job": 3, "openings": 2, "candidacies": [', ""),
    "machine_snapshot": (VALID["interviewing"], "state"),
    "format_missing": (job_changed("open", "format", DELETE), "format"),
    "job_string": (job_changed("open", "job", "3"), "job"),
    "openings_zero": (job_changed("open", "openings", 0), "openings"),
    "openings_over_uint32": (job_changed("open", "openings", 4294967296), "openings"),
    "open_missing": (job_changed("open", "open", DELETE), "open"),
    "open_job_closing_time": (job_changed("open", "closed_at", CLOSING), "closed_at"),
    "closed_at_missing": (job_changed("closed", "closed_at", DELETE), "closed_at"),
    "policy_feedback_window_negative": (job_changed("open", "policy.feedback_window_seconds", -1),
                                        "policy.feedback_window_seconds"),
    "candidacies_object": (job_changed("open", "candidacies", {}), "candidacies"),
    "candidacy_not_object": (job_changed("open", "candidacies[1]", "interviewing"), "candidacies[1]"),
    "candidacy_unknown_field": (job_changed("open", "candidacies[0].policy", POLICY), "candidacies[0].policy"),
    "candidacy_origin_unknown": (job_changed("open", "candidacies[0].origin", "referral"), "candidacies[0].origin"),
    "candidacy_state_unknown": (job_changed("open", "candidacies[2].state", "hired"), "candidacies[2].state"),
    "candidacy_data_field": (job_changed("open", "candidacies[2].data.minutes_logged", -5),
                             "candidacies[2].data.minutes_logged"),
    "candidacy_data_inconsistent": (job_changed("open", "candidacies[1].data.minutes_logged", 60),
                                    "candidacies[1].data.minutes_logged"),
    "candidacy_of_another_job": (job_changed("open", "candidacies[1].data.job", 4), "candidacies[1].data.job"),
    "two_candidacies_of_a_freelancer": (job_changed("open", "candidacies[1].data.freelancer", 5),
                                        "candidacies[1].data.freelancer"),
    "candidacy_in_prospect": (job_changed("open", "candidacies[0]", {"origin": "invitation", "state": "prospect",
                                                                     "data": dict(data(job=3, freelancer=5))}),
                              "candidacies[0].state"),
    "proposal_in_invited": (job_changed("open", "candidacies[0].origin", "proposal"), "candidacies[0].origin"),
    "invitation_in_submitted": (job_changed("open", "candidacies[1]", {
        "origin": "invitation", "state": "submitted",
        "data": data(job=3, freelancer=7, last_event_at="2026-01-05T09:00:00Z")}), "candidacies[1].origin"),
    "origin_other": (job_changed("open", "candidacies[2].origin", "other"), "candidacies[2].origin"),
    "closed_candidacy_in_open_job": (job_changed("open", "candidacies[1]", candidacy(
        "proposal", "closed_without_offer", freelancer=7)), "candidacies[1].state"),
    "interviewing_in_closed_job": (job_changed("closed", "candidacies[1]", candidacy(
        "proposal", "interviewing", freelancer=7)), "candidacies[1].state"),
    "closed_at_another_time": (job_changed("closed", "candidacies[0].data.last_event_at", "2026-01-07T23:59:59Z"),
                               "candidacies[0].data.last_event_at"),
    "hires_over_openings": (second_hire(), "candidacies"),
}


def main():
    for sub in ("valid_job", "malformed_job"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    for sub in ("valid", "malformed", "valid_job", "malformed_job"):
        d = os.path.join(HERE, sub)
        for f in os.listdir(d):
            if f.endswith(".json") or f == "EXPECTED":
                os.remove(os.path.join(d, f))
    for valid_dir, malformed_dir, valid, malformed in (("valid", "malformed", VALID, MALFORMED),
                                                       ("valid_job", "malformed_job", VALID_JOB, MALFORMED_JOB)):
        for name, d in valid.items():
            with open(os.path.join(HERE, valid_dir, name + ".json"), "w") as f:
                f.write(json.dumps(d, indent=2) + "\n")
        lines = []
        for name, (d, field) in sorted(malformed.items()):
            text = d if isinstance(d, str) else json.dumps(d, indent=2) + "\n"
            with open(os.path.join(HERE, malformed_dir, name + ".json"), "w") as f:
                f.write(text)
            lines.append(f"{name}.json {field or '-'}")
        with open(os.path.join(HERE, malformed_dir, "EXPECTED"), "w") as f:
            f.write("# file, then the field that restore must name (- for the document itself)\n")
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
