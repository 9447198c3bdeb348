#!/usr/bin/env python3
"""Registers USERS users on Latchkey (or reuses them) and logs each in once, writing the files the scenarios read:
users.txt (email TAB password), cookies.txt (a refresh cookie per session), tokens.txt (an access token per session).
Usage: prepare.py BASE USERS OUT_DIR SEED"""
import json, random, sys, urllib.error, urllib.request

base, count, out, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rng = random.Random(seed)


def call(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, json.loads(e.read() or b"{}")


users, cookies, tokens = [], [], []
for i in range(count):
    email = f"bench-{seed}-{i}@bench.test"
    password = f"bench pass phrase {rng.randrange(10**9)} {i}"
    status, _, _ = call("/api/v1/register/user", {"name": f"Bench {i}", "email": email, "password": password,
                                                  "confirm_password": password})
    if status not in (201, 202, 422):
        sys.exit(f"registration answered {status}: are throttles off (THROTTLE_ENABLED=false)?")
    status, headers, body = call("/api/v1/auth/login", {"email": email, "password": password})
    if status != 200:
        sys.exit(f"login answered {status} for {email} (a user left from an earlier run with another seed?)")
    cookie = next(v.split(";")[0].split("=", 1)[1] for k, v in headers.items()
                  if k.lower() == "set-cookie" and v.startswith("refresh_cookie="))
    users.append(f"{email}\t{password}")
    cookies.append(cookie)
    tokens.append(body["token"])

for name, lines in (("users", users), ("cookies", cookies), ("tokens", tokens)):
    with open(f"{out}/{name}.txt", "w") as f:
        f.write("\n".join(lines) + "\n")
