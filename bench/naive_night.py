#!/usr/bin/env python3
"""The naive nightly peer: what an afternoon script does for the whole night, as the job's floor-like rival.
Every page of every asset type (limit 1000) in turn on one keep-alive connection, and every team member
(team.user.list), into SQLite; five hard-coded rules as SQL; findings compared with the last run's (NEW, OPEN,
RESOLVED); the run's findings written as CSV and JSON; the previous run dropped. No threads, no retries, no resume.
Python 3 standard library only.

Usage: MANUS_ASSET_AUDIT_KEY=<key> MANUS_USER_MGMT_KEY=<key> bench/naive_night.py <base-url> <sqlite-file> <out-dir>
Prints "<seconds> <shares> <findings>". Run it twice on the same file for night 2.
"""
import csv
import http.client
import json
import os
import sqlite3
import sys
import time
import urllib.parse

TYPES = ["ASSET_TYPE_SESSION_COLLABORATION", "ASSET_TYPE_SESSION_SHARE", "ASSET_TYPE_FILE_SHARE",
         "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE"]
LIMIT = 1000
PUBLIC = "SHARE_SCOPE_PUBLIC"
# The rules, as the default pack's most common ones: each selects (uid, rule, severity) from the run's shares.
RULES = [
    ("public-share", "HIGH", f"s.permission = '{PUBLIC}' AND s.asset_exists IS NOT 0"),
    ("stale-public-share", "MEDIUM", f"s.permission = '{PUBLIC}' AND s.asset_exists IS NOT 0"
                                     " AND s.last_operated_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-90 days')"),
    ("orphaned-share", "LOW", "s.asset_exists = 0"),
    ("departed-owner-share", "HIGH", f"s.permission = '{PUBLIC}' AND s.asset_exists IS NOT 0"
                                     " AND m.status IN ('USER_STATUS_INACTIVE', 'USER_STATUS_REMOVED')"),
    ("guest-public-share", "MEDIUM", f"s.permission = '{PUBLIC}' AND s.asset_exists IS NOT 0"
                                     " AND m.role = 'TEAM_MEMBER_ROLE_GUEST'"),
]


def pages(connection, path, key, items):
    """Every item of a paged listing, page after page."""
    offset, total = 0, 1
    while offset < total:
        connection.request("GET", f"{path}&limit={LIMIT}&offset={offset}", headers={"X-API-Key": key})
        response = connection.getresponse()
        page = json.loads(response.read())
        if response.status != 200 or not page.get("ok"):
            sys.exit(f"naive_night.py: {path} offset {offset}: HTTP {response.status}")
        total = page["total"]
        yield page[items]
        offset += LIMIT


def main():
    url = urllib.parse.urlsplit(sys.argv[1])
    base = url.path.rstrip("/")
    out = sys.argv[3]
    start = time.perf_counter()
    db = sqlite3.connect(sys.argv[2])
    db.executescript("""
        CREATE TABLE IF NOT EXISTS run (id INTEGER PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS share (run INTEGER, uid TEXT, asset_type TEXT, asset_name TEXT, owner_id TEXT,
            permission TEXT, asset_exists INTEGER, shared_at TEXT, last_operated_at TEXT, raw TEXT,
            PRIMARY KEY (run, uid));
        CREATE TABLE IF NOT EXISTS member (run INTEGER, id TEXT, email TEXT, status TEXT, role TEXT,
            PRIMARY KEY (run, id));
        CREATE TABLE IF NOT EXISTS finding (run INTEGER, uid TEXT, rule TEXT, severity TEXT, status TEXT,
            PRIMARY KEY (run, uid, rule));""")
    previous = db.execute("SELECT MAX(id) FROM run").fetchone()[0]
    run = (previous or 0) + 1
    db.execute("INSERT INTO run VALUES (?)", (run,))
    connection = http.client.HTTPConnection(url.hostname, url.port)
    shares = 0
    for asset_type in TYPES:
        for assets in pages(connection, f"{base}/v2/team.asset.list?asset_type={asset_type}",
                            os.environ["MANUS_ASSET_AUDIT_KEY"], "assets"):
            db.executemany("INSERT INTO share VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (run, a["uid"], asset_type, a.get("asset_name"), a.get("owner_id"), a.get("permission"),
                 a.get("asset_exists"), a.get("shared_at"), a.get("last_operated_at"), json.dumps(a))
                for a in assets])
            shares += len(assets)
            db.commit()
    for users in pages(connection, f"{base}/v2/team.user.list?", os.environ["MANUS_USER_MGMT_KEY"], "users"):
        db.executemany("INSERT INTO member VALUES (?, ?, ?, ?, ?)",
                       [(run, u["team_user_id"], u.get("email"), u.get("status"), u.get("role")) for u in users])
    for rule, severity, where in RULES:
        db.execute(f"""INSERT INTO finding SELECT s.run, s.uid, ?, ?, CASE WHEN p.uid IS NULL THEN 'NEW' ELSE 'OPEN' END
            FROM share s LEFT JOIN member m ON m.run = s.run AND m.id = s.owner_id
            LEFT JOIN finding p ON p.run = ? AND p.uid = s.uid AND p.rule = ?
            WHERE s.run = ? AND {where}""", (rule, severity, previous, rule, run))
    db.execute("""INSERT INTO finding SELECT ?, p.uid, p.rule, p.severity, 'RESOLVED' FROM finding p
        WHERE p.run = ? AND p.status <> 'RESOLVED'
        AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.run = ? AND f.uid = p.uid AND f.rule = p.rule)""",
               (run, previous, run))
    db.commit()
    rows = db.execute("""SELECT f.uid, f.rule, f.severity, f.status, s.asset_type, s.asset_name, s.owner_id,
        m.email, s.permission FROM finding f LEFT JOIN share s ON s.run = f.run AND s.uid = f.uid
        LEFT JOIN member m ON m.run = f.run AND m.id = s.owner_id WHERE f.run = ? ORDER BY f.severity, f.uid""", (run,))
    names = [column[0] for column in rows.description]
    findings = 0
    with open(os.path.join(out, "findings.csv"), "w", newline="") as csv_file, \
            open(os.path.join(out, "findings.json"), "w") as json_file:
        writer = csv.writer(csv_file)
        writer.writerow(names)
        json_file.write('{"run": %d, "findings": [' % run)
        for row in rows:
            writer.writerow(row)
            json_file.write(("," if findings else "") + json.dumps(dict(zip(names, row))))
            findings += 1
        json_file.write("]}\n")
    for table in ("share", "member", "finding"):
        db.execute(f"DELETE FROM {table} WHERE run < ?", (run,))
    db.commit()
    db.close()
    print(f"{time.perf_counter() - start:.3f} {shares} {findings}")


if __name__ == "__main__":
    main()
