#!/usr/bin/env python3
"""The download floor: every page of every asset type (limit 1000), one keep-alive connection, each body
parsed with json.loads and dropped; no database. Python 3 standard library only.

Usage: MANUS_ASSET_AUDIT_KEY=<key> bench/download.py <base-url>
Prints "<seconds> <shares>".
"""
import http.client
import json
import os
import sys
import time
import urllib.parse

TYPES = ["ASSET_TYPE_SESSION_COLLABORATION", "ASSET_TYPE_SESSION_SHARE", "ASSET_TYPE_FILE_SHARE",
         "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE"]
LIMIT = 1000


def main():
    url = urllib.parse.urlsplit(sys.argv[1])
    headers = {"X-API-Key": os.environ["MANUS_ASSET_AUDIT_KEY"]}
    start = time.perf_counter()
    connection = http.client.HTTPConnection(url.hostname, url.port)
    shares = 0
    for asset_type in TYPES:
        offset, total = 0, 1
        while offset < total:
            connection.request("GET", f"{url.path.rstrip('/')}/v2/team.asset.list?asset_type={asset_type}"
                                      f"&limit={LIMIT}&offset={offset}", headers=headers)
            response = connection.getresponse()
            page = json.loads(response.read())
            if response.status != 200 or not page.get("ok"):
                sys.exit(f"download.py: {asset_type} offset {offset}: HTTP {response.status}")
            total = page["total"]
            shares += len(page["assets"])
            offset += LIMIT
    print(f"{time.perf_counter() - start:.3f} {shares}")


if __name__ == "__main__":
    main()
