#!/usr/bin/python3
"""A local webhook stub for notify_tests (python3's http.server only).

    http_stub.py DIRECTORY

Listens on 127.0.0.1 on a free port, prints the port on one line of stdout, then serves until
killed. Every POST is written to DIRECTORY/NNNN.json ({"path", "headers": {lower-case name:
value}, "body"}) before the answer goes out. The path chooses the answer:
    /status/NNN  answers NNN with the body {"status": NNN}
    /slow        waits 5 s, then answers 200
    anything else answers 200
"""
import http.server
import json
import os
import sys
import threading
import time


def main():
    directory = sys.argv[1]
    counter = {"next": 0}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with lock:
                number = counter["next"]
                counter["next"] += 1
            name = os.path.join(directory, "%04d.json" % number)
            with open(name + ".tmp", "w", encoding="utf-8") as out:
                json.dump({"path": self.path,
                           "headers": {k.lower(): v for k, v in self.headers.items()},
                           "body": body.decode("utf-8", errors="replace")}, out, ensure_ascii=False)
            os.rename(name + ".tmp", name)
            status = 200
            path = self.path.split("?")[0]
            if path.startswith("/status/"):
                status = int(path[len("/status/"):])
            elif path == "/slow":
                time.sleep(5)
            answer = json.dumps({"status": status}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
