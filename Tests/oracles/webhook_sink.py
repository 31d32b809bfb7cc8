#!/usr/bin/env python3
"""A real HTTP server for the webhook delivery tests: listens on 127.0.0.1:PORT (0 picks a
free port), appends one JSON line per request to OUT (method, path with query, headers,
body as text) and answers by a mode. The mode is the first path segment when it names one
(`/errcode/robot/send?...`), otherwise --mode:

    ok         200 {"errcode":0,"errmsg":"ok"}
    500        500 {"error":"internal"}
    429        429 {"error":"slow down"}
    400        400 {"error":"bad request"}
    errcode    200 {"errcode":310000,"errmsg":"sign not match"}   (DingTalk: bad signature)
    ratelimit  200 {"errcode":130101,"errmsg":"send too fast"}    (DingTalk: rate limit)
    hang       reads the request, never answers (for timeouts)

Prints "ready PORT" once listening; runs until killed.

    python3 Tests/oracles/webhook_sink.py --port 0 --out /tmp/hooks.jsonl
"""
import argparse
import http.server
import json
import signal
import sys
import threading
import time

ANSWERS = {
    "ok": (200, {"errcode": 0, "errmsg": "ok"}),
    "500": (500, {"error": "internal"}),
    "429": (429, {"error": "slow down"}),
    "400": (400, {"error": "bad request"}),
    "errcode": (200, {"errcode": 310000, "errmsg": "sign not match"}),
    "ratelimit": (200, {"errcode": 130101, "errmsg": "send too fast"}),
}


def make_handler(out, default_mode, lock):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            first = self.path.split("?", 1)[0].strip("/").split("/", 1)[0]
            mode = first if first in ANSWERS or first == "hang" else default_mode
            line = {
                "method": "POST",
                "path": self.path,
                "mode": mode,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8"),
                "received_at": time.time(),
            }
            with lock, open(out, "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
            if mode == "hang":
                time.sleep(3600)
                return
            status, answer = ANSWERS[mode]
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--mode", default="ok", choices=sorted(ANSWERS) + ["hang"])
    args = p.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.out, args.mode, threading.Lock()))
    server.daemon_threads = True
    # A parent may have left SIGTERM blocked (Swift test processes do): take it back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"ready {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
