#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_background_check (fuzz/corpus_background_check/).

The harness reads one byte at a time from the end of the input, so each file is
its byte stream reversed. Per event: its kind (the order of the example's
events_t), its time, then its payload (offer terms, minutes, report id or party,
one byte each), as fuzz/fuzz_background_check.cpp reads them. Together the
seeds take all 26 rows of examples/background_check.hpp, and a few rules' edges.
"""
import pathlib

EVENTS = ["invite", "submit_proposal", "close_job", "accept_invite", "decline_invite", "respond", "decline",
          "withdraw", "send_offer", "accept_offer", "decline_offer", "withdraw_offer", "check_cleared",
          "check_failed", "log_work", "pause", "end_contract", "resume", "leave_feedback"]
K = {name: i for i, name in enumerate(EVENTS)}
# Times: untimed, an hour earlier, 16 hours later, 16 days later.
UNTIMED, HOUR_EARLIER, PLUS_16H, PLUS_16D = 0, 1, 8 + 3, 8 * 24 + 2
# Hourly rates: $40, $0.
HOURLY, HOURLY_ZERO_RATE = 2, 0
MINUTES_60, MINUTES_NEGATIVE = 1, 0
REPORT, NO_REPORT = 1, 0
CLIENT, FREELANCER = 0, 1


def ev(name, *payload, time=PLUS_16H):
    return [K[name], time, *payload]


INTERVIEW = [ev("submit_proposal"), ev("respond")]
OFFER = INTERVIEW + [ev("send_offer", HOURLY)]
CHECKING = OFFER + [ev("accept_offer")]
ACTIVE = CHECKING + [ev("check_cleared", REPORT)]

SEEDS = {
    "invite_check_cleared_work_pause_feedback": [
        ev("invite"), ev("accept_invite"), ev("send_offer", HOURLY), ev("accept_offer"), ev("check_cleared", REPORT),
        ev("log_work", MINUTES_60), ev("pause"), ev("resume"), ev("end_contract", CLIENT),
        ev("leave_feedback", CLIENT), ev("leave_feedback", FREELANCER)],
    "invite_declined": [ev("invite"), ev("decline_invite")],
    "invite_closed": [ev("invite"), ev("close_job")],
    "closed_at_once": [ev("close_job")],
    "proposal_declined": [ev("submit_proposal"), ev("decline")],
    "proposal_withdrawn": [ev("submit_proposal"), ev("withdraw")],
    "proposal_closed": [ev("submit_proposal"), ev("close_job")],
    "interview_declined": INTERVIEW + [ev("decline")],
    "interview_withdrawn": INTERVIEW + [ev("withdraw")],
    "interview_closed": INTERVIEW + [ev("close_job")],
    "offer_declined": OFFER + [ev("decline_offer")],
    "offer_withdrawn_then_zero_rate": OFFER + [ev("withdraw_offer"), ev("send_offer", HOURLY_ZERO_RATE)],
    "offer_closed": OFFER + [ev("close_job")],
    "offer_expired_before_acceptance": OFFER + [ev("decline", time=PLUS_16D), ev("accept_offer", time=PLUS_16D)],
    "check_failed": CHECKING + [ev("check_failed")],
    "check_without_report_then_cleared": CHECKING + [ev("check_cleared", NO_REPORT), ev("check_cleared", REPORT)],
    "paused_then_ended": ACTIVE + [ev("pause"), ev("end_contract", FREELANCER)],
    "work_backwards_and_negative": ACTIVE + [ev("log_work", MINUTES_60, time=HOUR_EARLIER),
                                             ev("log_work", MINUTES_NEGATIVE), ev("log_work", MINUTES_60, time=UNTIMED)],
    "feedback_after_the_window": ACTIVE + [ev("end_contract", CLIENT), ev("leave_feedback", CLIENT, time=PLUS_16D)],
}

out = pathlib.Path(__file__).resolve().parent / "corpus_background_check"
out.mkdir(exist_ok=True)
for old in out.iterdir():
    old.unlink()
for name, events in SEEDS.items():
    stream = [b for e in events for b in e]
    (out / name).write_bytes(bytes(reversed(stream)))
print(f"{len(SEEDS)} seeds in {out}")
