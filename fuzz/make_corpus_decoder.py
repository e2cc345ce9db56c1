#!/usr/bin/env python3
"""Writes fuzz/corpus_decoder/, the seeds of fuzz_decoder, and fuzz/decoder.dict.

Each seed is a few lines of an event log: well-formed lines of
examples/data/hiring-log.jsonl (the decoder's fast path), lines that only the
DOM path accepts (escaped strings, repeated or reordered members, nulls in
terms, -0), malformed lines of every kind, and runs of long malformed lines
that a decoder reused from line to line must read without its memory growing.
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
LOG = HERE.parent / "examples" / "data" / "hiring-log.jsonl"

# Lines that stop the fast path (escapes, a repeated member) or take its edges.
DOM_ONLY = [
    r'{"job":3,"freelancer":42,"event":"\u0069nvite","at":"2026-01-05T09:30:00Z"}',
    r'{"\u006aob":3,"freelancer":42,"event":"invite"}',
    r'{"job":3,"freelancer":42,"event":"invite","at":"2026-01-05T09:30:00\u005a"}',
    r'{"job":3,"freelancer":42,"event":"end_contract","by":"cl\u0069ent"}',
    r'{"job":3,"freelancer":42,"event":"invite","at":"2026-01-05T09:30:00Z","at":"2026-01-05T09:31:00Z"}',
    '{"job":-0,"freelancer":42,"event":"invite"}',
    '{"job":3,"freelancer":42,"event":"send_offer","terms":{"kind":"hourly","hourly_rate":4500,"first_milestone":null,"start_date":null}}',
    '{"job":3,"freelancer":42,"event":"log_work","minutes":-30}',
    '{"job":3,"freelancer":42,"event":"fund_milestone","amount":0}',
    '{ "job" : 3 , "freelancer" : 42 , "event" : "pause" , "at" : null }  ',
    '{"freelancer":42,"event":"end_contract","by":"freelancer","job":18446744073709551615}',
]
MALFORMED = [
    '',
    '{',
    '[]',
    'null',
    '{"job":3,"freelancer":42}',
    '{"job":3,"freelancer":42,"event":"hire"}',
    '{"job":3,"freelancer":42,"event":"invite","color":"red"}',
    '{"job":3,"freelancer":42,"event":"invite","minutes":5}',
    '{"job":3,"freelancer":42,"event":"log_work"}',
    '{"job":3.5,"freelancer":42,"event":"invite"}',
    '{"job":1e3,"freelancer":42,"event":"invite"}',
    '{"job":-1,"freelancer":42,"event":"invite"}',
    '{"job":3,"freelancer":42,"event":"invite","at":"2026-02-30T09:00:00Z"}',
    '{"job":3,"freelancer":42,"event":"invite","at":"1899-12-31T23:59:59Z"}',
    '{"job":3,"freelancer":42,"event":"invite","at":"0000-01-01T00:00:00Z"}',
    '{"job":3,"freelancer":42,"event":"invite","at":"2026-01-05 09:30:00"}',
    '{"job":3,"freelancer":42,"event":"invite","at":20260105}',
    '{"job":3,"freelancer":42,"event":"fund_milestone","amount":9223372036854775808}',
    '{"job":3,"freelancer":42,"event":"end_contract","by":"nobody"}',
    '{"job":3,"freelancer":42,"event":"send_offer","terms":{"kind":"weekly"}}',
    '{"job":3,"freelancer":42,"event":"send_offer","terms":[]}',
    '{"job":3,"freelancer":42,"event":"invite"} trailing',
    '{"job":3,"freelancer":42,"event":"inv\xffite"}',
    '{"job":3,"freelancer":42,"event":"invite",}',
    '{"job":3,"freelancer":42,"event":"invite"/*c*/}',
    '{"a":' * 40 + '1' + '}' * 40,
]


def long_malformed(n, size):
    """n lines of about `size` bytes that only the DOM path reads, each malformed at its end."""
    filler = ",".join(f'"k{i}":{i}' for i in range(size // 10))
    return [f'{{"job":3,"freelancer":42,"event":"invite",{filler},"x":}}' for _ in range(n)]


def main():
    out = HERE / "corpus_decoder"
    out.mkdir(exist_ok=True)
    for old in out.glob("*"):
        old.unlink()
    log = LOG.read_text().splitlines()
    seeds = {}
    for i in range(0, len(log), 8):
        seeds[f"log_{i // 8:02d}"] = log[i:i + 8]
    seeds["dom_only"] = DOM_ONLY
    for i in range(0, len(MALFORMED), 6):
        seeds[f"malformed_{i // 6}"] = MALFORMED[i:i + 6]
    # Fast, slow and fast again: the reused decoder between its two paths.
    seeds["mixed"] = [log[0], DOM_ONLY[0], MALFORMED[5], log[4], DOM_ONLY[3], log[10]]
    seeds["long_malformed_lines"] = long_malformed(30, 1500)
    for name, lines in seeds.items():
        (out / name).write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n")
    names = ["invite", "withdraw_invite", "respond", "decline", "send_offer", "modify_offer", "withdraw_offer",
             "fund_milestone", "approve_milestone", "pause", "resume", "close_job", "accept_invite",
             "decline_invite", "submit_proposal", "withdraw", "decline_offer", "accept_offer", "log_work",
             "submit_milestone", "end_contract", "leave_feedback", "offer_expired", "start_date_reached"]
    words = ["job", "freelancer", "event", "at", "terms", "minutes", "amount", "by", "kind", "hourly_rate",
             "first_milestone", "start_date", "hourly", "fixed_price", "client", "freelancer"] + names
    with open(HERE / "decoder.dict", "w") as d:
        d.write("# libFuzzer dictionary of fuzz_decoder, written by make_corpus_decoder.py: event log members and values.\n")
        for i, w in enumerate(dict.fromkeys(words)):
            d.write(f'w{i}="\\"{w}\\""\n')
        for i, v in enumerate(["2026-01-05T09:30:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                               "2024-02-29T00:00:00Z", "18446744073709551615", "9223372036854775807", "-0", "null",
                               "\\\\u0069"]):
            d.write(f'v{i}="{v}"\n')


if __name__ == "__main__":
    main()
