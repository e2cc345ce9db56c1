#!/usr/bin/env python3
"""Writes the seed corpus (fuzz/corpus/) and the dictionary (fuzz/hireguard.dict).

The harnesses read one byte at a time from the end of the input (decode.hpp), so
each file is its event stream reversed. Together the seeds take every one of
docs/domain.md's 36 rows, and a few rules' edges (expiry, feedback window, start
date, time going backwards, overflowing totals).
"""
import pathlib

EVENTS = ["invite", "withdraw_invite", "respond", "decline", "send_offer", "modify_offer", "withdraw_offer",
          "fund_milestone", "approve_milestone", "pause", "resume", "close_job", "accept_invite", "decline_invite",
          "submit_proposal", "withdraw", "decline_offer", "accept_offer", "log_work", "submit_milestone",
          "end_contract", "leave_feedback", "offer_expired", "start_date_reached"]
K = {name: i for i, name in enumerate(EVENTS)}
# Time modes of decode.hpp.
UNTIMED, SAME, PLUS_1S, PLUS_1H, PLUS_1D, PLUS_7D, MINUS_1S, MINUS_1D = range(8)
EXPIRY_MINUS_1S, EXPIRY, WINDOW_MINUS_1S, WINDOW, START_MINUS_1S, START, PLUS_30D = range(8, 15)
# Offer payloads: (shape, price, start).
HOURLY = (0, 6 + (6 << 3), 0)
FIXED = (1, 6 + (6 << 3), 0)
HOURLY_LATER_START = (0, 6 + (6 << 3), 7)
HOURLY_ZERO_RATE = (0, 0, 0)
FIXED_BELOW_MINIMUM = (1, 6 + (3 << 3), 0)
# fund_milestone amounts and log_work minutes, by index.
AMOUNT_100 = 6
AMOUNT_MAX = 7
AMOUNT_4_99 = 3
MINUTES_60 = 4
MINUTES_ZERO = 0
MINUTES_HUGE = 7


def ev(name, time=PLUS_1H, *payload):
    return [K[name], time, *payload]


def offer(name, terms, time=PLUS_1H):
    return ev(name, time, *terms)


SEEDS = {
    "invite_interview_hourly_contract_feedback": [
        ev("invite"), ev("accept_invite"), offer("send_offer", HOURLY), ev("accept_offer"),
        ev("log_work", PLUS_1H, MINUTES_60), ev("pause"), ev("resume"), ev("log_work", PLUS_1D, MINUTES_60),
        ev("end_contract", PLUS_1H, 0), ev("leave_feedback", PLUS_1D, 0), ev("leave_feedback", WINDOW_MINUS_1S, 1)],
    "invite_declined": [ev("invite"), ev("decline_invite")],
    "invite_withdrawn": [ev("invite"), ev("withdraw_invite")],
    "invite_offer_closed": [ev("invite"), offer("send_offer", FIXED), ev("close_job")],
    "invite_closed": [ev("invite"), ev("close_job")],
    "proposal_fixed_price_milestones": [
        ev("submit_proposal"), ev("respond"), offer("send_offer", FIXED), ev("accept_offer"),
        ev("log_work", PLUS_1H, MINUTES_60), ev("submit_milestone"), ev("approve_milestone"),
        ev("fund_milestone", PLUS_1D, AMOUNT_100), ev("fund_milestone", PLUS_1H, AMOUNT_100),
        ev("submit_milestone"), ev("approve_milestone"), ev("end_contract", PLUS_1H, 1)],
    "proposal_declined": [ev("submit_proposal"), ev("decline")],
    "proposal_withdrawn": [ev("submit_proposal"), ev("withdraw")],
    "proposal_offer_modified_withdrawn_declined": [
        ev("submit_proposal"), offer("send_offer", HOURLY), offer("modify_offer", FIXED), ev("withdraw_offer"),
        ev("decline")],
    "proposal_closed": [ev("submit_proposal"), ev("close_job")],
    "interview_withdrawn": [ev("submit_proposal"), ev("respond"), ev("withdraw")],
    "interview_closed": [ev("submit_proposal"), ev("respond"), ev("close_job")],
    "direct_offer_later_start": [
        offer("send_offer", HOURLY_LATER_START), ev("accept_offer"), ev("log_work", PLUS_1H, MINUTES_60),
        ev("start_date_reached", START), ev("log_work", PLUS_1H, MINUTES_60)],
    "pending_contract_ended": [offer("send_offer", HOURLY_LATER_START), ev("accept_offer"), ev("end_contract")],
    "offer_expired_then_declined": [
        ev("submit_proposal"), offer("send_offer", HOURLY), ev("accept_offer", EXPIRY), ev("offer_expired", EXPIRY),
        offer("send_offer", HOURLY), ev("decline_offer")],
    "job_closed": [ev("close_job"), ev("invite")],
    "paused_contract_ended": [offer("send_offer", HOURLY), ev("accept_offer", EXPIRY_MINUS_1S), ev("pause"),
                              ev("log_work", PLUS_1H, MINUTES_60), ev("end_contract", PLUS_1H, 1)],
    "bad_input": [
        offer("send_offer", HOURLY_ZERO_RATE, UNTIMED), offer("send_offer", FIXED_BELOW_MINIMUM),
        offer("send_offer", HOURLY), ev("accept_offer", MINUS_1D), ev("accept_offer"),
        ev("log_work", PLUS_1H, MINUTES_ZERO), ev("log_work", PLUS_1H, MINUTES_HUGE),
        ev("log_work", PLUS_1H, MINUTES_HUGE), ev("fund_milestone", PLUS_1H, AMOUNT_100),
        ev("end_contract", PLUS_1H, 0), ev("leave_feedback", WINDOW, 0), ev("leave_feedback", MINUS_1S, 1)],
    "fixed_price_overflow": [
        offer("send_offer", FIXED), ev("accept_offer"), ev("fund_milestone", PLUS_1H, AMOUNT_4_99),
        ev("submit_milestone"), ev("approve_milestone"), ev("fund_milestone", PLUS_1H, AMOUNT_MAX),
        ev("submit_milestone"), ev("approve_milestone"), ev("fund_milestone", PLUS_1H, AMOUNT_100),
        ev("submit_milestone"), ev("approve_milestone")],
}

DICTIONARY = {
    "valid_hourly_offer": offer("send_offer", HOURLY),
    "valid_fixed_offer": offer("send_offer", FIXED),
    "later_start_offer": offer("send_offer", HOURLY_LATER_START),
    "modified_offer": offer("modify_offer", FIXED),
    "hour_of_work": ev("log_work", PLUS_1H, MINUTES_60),
    "milestone_100": ev("fund_milestone", PLUS_1H, AMOUNT_100),
    "feedback_client": ev("leave_feedback", PLUS_1D, 0),
    "feedback_freelancer": ev("leave_feedback", PLUS_1D, 1),
    "end_contract": ev("end_contract", PLUS_1H, 0),
    **{f"{name}_plus_1h": ev(name) for name in EVENTS
       if name not in ("send_offer", "modify_offer", "log_work", "fund_milestone", "end_contract", "leave_feedback")},
}


def encode(events):
    stream = [b for e in events for b in e]
    return bytes(reversed(stream))


def main():
    here = pathlib.Path(__file__).resolve().parent
    corpus = here / "corpus"
    corpus.mkdir(exist_ok=True)
    for old in corpus.glob("*"):
        old.unlink()
    for name, events in SEEDS.items():
        (corpus / name).write_bytes(encode(events))
    with open(here / "hireguard.dict", "w") as out:
        out.write("# libFuzzer dictionary written by make_corpus.py: encoded events, reversed like the corpus.\n")
        for name, events in DICTIONARY.items():
            out.write(f'{name}="' + "".join(f"\\x{b:02x}" for b in encode([events])) + '"\n')


if __name__ == "__main__":
    main()
