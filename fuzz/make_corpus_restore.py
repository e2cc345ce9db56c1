#!/usr/bin/env python3
"""Writes fuzz/corpus_restore/, the seeds of fuzz_restore: every valid snapshot
of tests/json/valid/ alone, and some followed by a NUL byte and events encoded
as in fuzz/corpus/ (make_corpus.py) that go on from the restored state; the
same for the job snapshots of tests/json/valid_job/. tests/json/malformed/
seeds it too (fuzz/run.sh and the ctest replay pass both). Last, snapshots at
the edges of the counters and sums (EDGES): restore accepts them, and the next
event would wrap one; the engine must reject it as invalid input, and the
machine's snapshot must still restore.
"""
import importlib.util
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("make_corpus", HERE / "make_corpus.py")
mc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mc)
ev, offer = mc.ev, mc.offer

# Events that go on from each restored state, taking every row between them.
GO_ON = {
    "interviewing": [offer("send_offer", mc.FIXED), ev("accept_offer"), ev("log_work", mc.PLUS_1H, mc.MINUTES_60),
                     ev("submit_milestone"), ev("approve_milestone"), ev("fund_milestone", mc.PLUS_1D, mc.AMOUNT_100),
                     ev("pause"), ev("resume"), ev("end_contract", mc.PLUS_1H, 0), ev("leave_feedback", mc.PLUS_1D, 1)],
    "offered_hourly": [offer("modify_offer", mc.HOURLY), ev("offer_expired", mc.EXPIRY), ev("decline"),
                       ev("invite")],
    "active_hourly": [ev("log_work", mc.PLUS_1H, mc.MINUTES_60), ev("pause"), ev("log_work", mc.PLUS_1H, mc.MINUTES_60),
                      ev("resume"), ev("end_contract", mc.PLUS_1D, 1), ev("leave_feedback", mc.WINDOW_MINUS_1S, 0),
                      ev("leave_feedback", mc.WINDOW, 1)],
    "pending_fixed": [ev("log_work", mc.PLUS_1H, mc.MINUTES_60), ev("start_date_reached", mc.START_MINUS_1S),
                      ev("start_date_reached", mc.START), ev("submit_milestone"), ev("approve_milestone"),
                      ev("fund_milestone", mc.PLUS_1H, mc.AMOUNT_MAX), ev("submit_milestone"),
                      ev("approve_milestone")],
    "paused_fixed_submitted": [ev("resume"), ev("approve_milestone"), ev("fund_milestone", mc.PLUS_1H, mc.AMOUNT_100),
                               ev("end_contract", mc.PLUS_1H, 0)],
    "ended_hourly_feedback": [ev("leave_feedback", mc.PLUS_1H, 0), ev("leave_feedback", mc.PLUS_1H, 1),
                              ev("log_work", mc.PLUS_1H, mc.MINUTES_60)],
    "invited_untimed": [ev("accept_invite", mc.UNTIMED), offer("send_offer", mc.HOURLY_LATER_START),
                        ev("accept_offer"), ev("end_contract", mc.UNTIMED, 1)],
    "prospect": [ev("submit_proposal"), ev("respond"), ev("withdraw")],
}
# More ways on from some states, so that every row is taken from a restored state.
GO_ON_TOO = {
    "prospect": [[ev("invite"), ev("decline_invite")], [offer("send_offer", mc.HOURLY), ev("decline_offer")],
                 [ev("close_job")]],
    "invited_untimed": [[ev("withdraw_invite")], [offer("send_offer", mc.FIXED), ev("withdraw_offer")],
                        [ev("close_job")]],
    "submitted": [[ev("respond"), ev("decline")], [ev("decline")], [ev("withdraw")],
                  [offer("send_offer", mc.HOURLY), ev("close_job")], [ev("close_job")]],
    "interviewing": [[ev("decline")], [ev("withdraw")], [ev("close_job")]],
    "pending_fixed": [[ev("end_contract", mc.PLUS_1H, 1)]],
    "active_hourly": [[ev("end_contract")]],
    "paused_fixed_submitted": [[ev("end_contract", mc.PLUS_1H, 1)]],
}

INT64_MAX = 2**63 - 1
UINT32_MAX = 2**32 - 1
# (valid snapshot, changes to it, events after it): counters and sums at or
# near their largest values, so that the next event would overflow one.
EDGES = {
    # milestones_paid at its maximum: approving the submitted milestone would wrap it to 0.
    "edge_milestones_paid_max": ("paused_fixed_submitted",
                                 {"state": "contract_active", "paid": UINT32_MAX, "milestones_paid": UINT32_MAX},
                                 [ev("approve_milestone"), ev("pause"), ev("resume"), ev("approve_milestone")]),
    # One below: the first approval reaches the maximum, the next milestone's cannot be paid.
    "edge_milestones_paid_max_minus_1": ("paused_fixed_submitted",
                                         {"state": "contract_active", "paid": UINT32_MAX,
                                          "milestones_paid": UINT32_MAX - 1},
                                         [ev("approve_milestone"), ev("fund_milestone", mc.PLUS_1H, mc.AMOUNT_100),
                                          ev("submit_milestone"), ev("approve_milestone"),
                                          ev("end_contract", mc.PLUS_1H, 0)]),
    # The sum paid one cent below the largest: the milestone would overflow it.
    "edge_paid_max": ("paused_fixed_submitted",
                      {"state": "contract_active", "paid": INT64_MAX - 1, "milestones_paid": 1},
                      [ev("approve_milestone"), ev("pause"), ev("approve_milestone")]),
    # The sum paid exactly a milestone below the largest: paying it reaches the maximum.
    "edge_paid_max_minus_milestone": ("paused_fixed_submitted",
                                      {"state": "contract_active", "paid": INT64_MAX - 30000, "milestones_paid": 7},
                                      [ev("approve_milestone"), ev("fund_milestone", mc.PLUS_1H, mc.AMOUNT_MAX),
                                       ev("submit_milestone"), ev("approve_milestone")]),
    # Minutes logged near the largest: an hour more would overflow them.
    "edge_minutes_logged_max": ("active_hourly", {"minutes_logged": INT64_MAX - 59},
                                [ev("log_work", mc.PLUS_1H, mc.MINUTES_60), ev("log_work", mc.PLUS_1H, mc.MINUTES_HUGE),
                                 ev("pause"), ev("resume"), ev("end_contract", mc.PLUS_1H, 1)]),
    # The clock in the last day of 9999, which is accepted whole: an hour
    # later is in, a day later is past the accepted years.
    "edge_last_day_of_9999": ("offered_hourly",
                              {"last_event_at": "9999-12-31T10:00:00Z", "offer_sent_at": "9999-12-31T10:00:00Z"},
                              [ev("withdraw_offer", mc.MINUS_1S), ev("withdraw_offer", mc.PLUS_1H),
                               ev("decline", mc.PLUS_1D), ev("decline", mc.SAME)]),
}


def main():
    valid = HERE.parent / "tests" / "json" / "valid"
    out = HERE / "corpus_restore"
    out.mkdir(exist_ok=True)
    for old in out.glob("*"):
        old.unlink()
    jobs = {f"job_{p.stem}": p for p in (HERE.parent / "tests" / "json" / "valid_job").glob("*.json")}
    for name, path in jobs.items():
        document = json.dumps(json.loads(path.read_text()), separators=(",", ":")).encode()
        (out / name).write_bytes(document)
        (out / f"{name}_then_events").write_bytes(document + b"\0" + mc.encode(GO_ON["interviewing"]))
    for path in sorted(valid.glob("*.json")):
        document = json.dumps(json.loads(path.read_text()), separators=(",", ":")).encode()
        (out / path.stem).write_bytes(document)
        if path.stem in GO_ON:
            (out / f"{path.stem}_then_events").write_bytes(document + b"\0" + mc.encode(GO_ON[path.stem]))
        for i, events in enumerate(GO_ON_TOO.get(path.stem, []), start=2):
            (out / f"{path.stem}_then_events_{i}").write_bytes(document + b"\0" + mc.encode(events))
    for name, (stem, changes, events) in EDGES.items():
        snapshot = json.loads((valid / f"{stem}.json").read_text())
        for key, value in changes.items():
            (snapshot if key in ("state", "format") else snapshot["data"])[key] = value
        document = json.dumps(snapshot, separators=(",", ":")).encode()
        (out / name).write_bytes(document)
        (out / f"{name}_then_events").write_bytes(document + b"\0" + mc.encode(events))


if __name__ == "__main__":
    main()
