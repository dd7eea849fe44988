#!/usr/bin/python3
"""A local SMTP sink for notify_tests (Debian's python3 with python3-aiosmtpd).

    smtp_sink.py DIRECTORY [--user USER --password PASSWORD]

Listens on 127.0.0.1 on a free port, prints the port on one line of stdout, then serves until
killed. Every accepted message becomes DIRECTORY/NNNN.json (written whole, then renamed, before
the 250 reply), a summary parsed by Python's email package:

    {"mail_from", "rcpt_tos", "login",            the SMTP envelope and the AUTH login (or null)
     "subject", "from", "to": [[name, addr]...],  headers, RFC 2047 decoded
     "message_id", "date", "content_type", "headers": [[name, raw value]...],
     "parts": [{"content_type", "charset", "transfer_encoding", "content"}...],  leaf parts, decoded
     "defects": [...], "max_line": n, "bare_lf": bool, "ascii_only": bool, "raw": "..."}

Recipients in the domain reject.example are refused with 550. With --user, AUTH (PLAIN/LOGIN,
allowed without TLS on this loopback-only sink) is required and checked.
"""
import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@reject.example"):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        defects = [str(d) for d in message.defects]
        for part in message.walk():
            defects += [str(d) for d in part.defects]
            if part.is_multipart():
                continue
            parts.append({
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset(),
                "transfer_encoding": part.get("Content-Transfer-Encoding"),
                "content": part.get_content(),
            })
        lines = raw.split(b"\r\n")
        login = getattr(session, "login_data", None)
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": login.decode() if isinstance(login, bytes) else login,
            "subject": str(message["subject"]) if message["subject"] is not None else None,
            "from": str(message["from"]) if message["from"] is not None else None,
            "to": [[a.display_name, a.addr_spec] for a in message["to"].addresses] if message["to"] else [],
            "message_id": message["message-id"],
            "date": message["date"],
            "content_type": message.get_content_type(),
            "headers": [[name, value] for name, value in message.raw_items()],
            "parts": parts,
            "defects": defects,
            "max_line": max(len(line) for line in lines),
            "bare_lf": any(b"\n" in line for line in lines),
            "ascii_only": all(b < 128 for b in raw),
            "raw": raw.decode("ascii", errors="replace"),
        }
        name = os.path.join(self.directory, "%04d.json" % self.count)
        self.count += 1
        with open(name + ".tmp", "w", encoding="utf-8") as out:
            json.dump(summary, out, ensure_ascii=False)
        os.rename(name + ".tmp", name)
        return "250 2.0.0 stored"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    warnings.filterwarnings("ignore", message="Requiring AUTH")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)

    sink = Sink(args.directory)

    def authenticator(server, session, envelope, mechanism, auth_data):
        good = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
                and auth_data.password.decode() == args.password)
        return AuthResult(success=good, handled=False, auth_data=auth_data if good else None)

    def factory():
        if args.user is None:
            return SMTP(sink, hostname="sink.test")
        return SMTP(sink, hostname="sink.test", authenticator=authenticator, auth_required=True,
                    auth_require_tls=False)

    async def serve():
        server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
        print(server.sockets[0].getsockname()[1], flush=True)
        await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    sys.exit(main())
