#!/usr/bin/env python3
"""A real SMTP server for the delivery tests (aiosmtpd): accepts every message on
127.0.0.1:PORT and appends one JSON line per recipient to OUT with the decoded headers and
body. Prints "ready" once listening; runs until killed.

    python3 Tests/oracles/smtp_sink.py --port 2525 --out /tmp/mail.jsonl
"""
import argparse
import email
import email.header
import email.policy
import json
import os
import signal
import threading
import time

from aiosmtpd.controller import Controller


def decoded(value):
    if value is None:
        return None
    return str(email.header.make_header(email.header.decode_header(value)))


class Sink:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.compat32)
        body = msg.get_payload(decode=True).decode("utf-8")
        for rcpt in envelope.rcpt_tos:
            line = {
                "mail_from": envelope.mail_from,
                "rcpt_to": rcpt,
                "from": decoded(msg["From"]),
                "to": decoded(msg["To"]),
                "subject": decoded(msg["Subject"]),
                "date": msg["Date"],
                "message_id": msg["Message-ID"],
                "scheduled_at": msg["X-Tally-Scheduled-At"],
                "content_type": msg["Content-Type"],
                "body": body,
                "received_at": time.time(),
            }
            with self.lock, open(self.out, "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "250 2.0.0 Ok: queued"


def main():
    # A child of the Swift test runner inherits its blocked signals: take SIGTERM back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    controller = Controller(Sink(args.out), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
