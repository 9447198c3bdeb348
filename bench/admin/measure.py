#!/usr/bin/env python3
"""The admin search at scale: p50 and p99 over HTTP of each query of GET /api/v1/admin/users, and its plan.

Usage: measure.py BASE  (env PGURL: a libpq URL of the server's database, for psql). Makes an admin with an
authenticator app (its codes computed here, RFC 6238), signs it in with both factors, then times each scenario:
REQUESTS sequential requests (default 200) after 20 to warm up. Prints one line per scenario, then each query's
EXPLAIN ANALYZE (the statement UserDirectory builds, with the same parameters).
"""
import base64, hashlib, hmac, json, os, struct, subprocess, sys, time, urllib.error, urllib.parse, urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8080'
PGURL = os.environ['PGURL']
REQUESTS = int(os.environ.get('REQUESTS', '200'))
EMAIL = 'bench-admin@admins.example'
PASSWORD = 'a benchmark pass phrase'


def psql(sql):
    return subprocess.run(['psql', PGURL, '-qAtX', '-c', sql], check=True, capture_output=True, text=True).stdout


def call(method, path, body=None, token=None):
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={'Content-Type': 'application/json', 'X-Forwarded-For': '192.0.2.1',
                                              **({'Authorization': 'Bearer ' + token} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b'{}')
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b'{}')


def totp(secret, step):
    key = base64.b32decode(secret + '=' * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack('>Q', step), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return '%06d' % ((struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000)


def admin_token():
    status, _ = call('POST', '/api/v1/register/user', {'name': 'Bench Admin', 'email': EMAIL, 'password': PASSWORD,
                                                       'confirm_password': PASSWORD})
    psql(f"update users set email_verified_at = now(), admin_since = now() where email = '{EMAIL}'")
    secret = None
    status, login = call('POST', '/api/v1/auth/login', {'email': EMAIL, 'password': PASSWORD})
    if 'token' in login:
        status, started = call('POST', '/api/v1/auth/mfa/totp', {}, login['token'])
        secret = started['secret']
        status, _ = call('POST', '/api/v1/auth/mfa/totp/confirm', {'code': totp(secret, int(time.time()) // 30)},
                         login['token'])
        with open(os.environ.get('SECRET_FILE', '/tmp/latchkey-bench-admin-secret'), 'w') as f:
            f.write(secret)
    else:
        secret = open(os.environ.get('SECRET_FILE', '/tmp/latchkey-bench-admin-secret')).read().strip()
    step = int(time.time()) // 30
    while int(time.time()) // 30 == step:   # a code not used yet
        time.sleep(0.5)
    status, login = call('POST', '/api/v1/auth/login', {'email': EMAIL, 'password': PASSWORD})
    status, signed = call('POST', '/api/v1/auth/login/mfa', {'mfa_token': login['mfa_token'],
                                                             'code': totp(secret, int(time.time()) // 30)})
    assert status == 200, signed
    return signed['token']


def deep_cursor(pages):
    row = psql(f"select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || '|' || id"
               f" from users order by created_at desc, id desc offset {pages * 50 - 1} limit 1").strip()
    return base64.urlsafe_b64encode(('CREATED|' + row).encode()).decode().rstrip('=')


SCENARIOS = [
    ('first page', {}),
    ('prefix ada.lovelace1', {'q': 'ada.lovelace1'}),
    ('prefix g (short)', {'q': 'g'}),
    ('prefix whole address', {'q': 'grace.hopper1234567@'}),
    ('name words "ada love"', {'q': 'ada love'}),
    ('name word "hopper"', {'q': 'hopper'}),
    ('verified=false', {'verified': 'false'}),
    ('disabled=true', {'disabled': 'true'}),
    ('mfa=true', {'mfa': 'true'}),
    ('mfa=false', {'mfa': 'false'}),
    ('created_after 2026-06-01', {'created_after': '2026-06-01'}),
    ('created_before 2022-06-01', {'created_before': '2022-06-01'}),
    ('last_sign_in_before 2022-06-01', {'last_sign_in_before': '2022-06-01'}),
    ('sort=last_sign_in', {'sort': 'last_sign_in'}),
]
# Not timed: a combination whose users are few or none walks the whole of its smallest index (docs/LIMITS.md).
COMBINATION = ('name + verified=false + mfa=true', {'q': 'lovelace', 'verified': 'false', 'mfa': 'true'})


HAS_FACTOR = ("(exists (select 1 from totp_factors t where t.user_id = u.id and t.confirmed_at is not null)"
              " or exists (select 1 from passkeys p where p.user_id = u.id))")


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def day(text):
    return literal(text if 'T' in text else text + 'T00:00:00Z')


def statement(query):
    """The statement io.latchkey.administration.UserDirectory builds for this query, with its values inlined."""
    where = []
    q = query.get('q')
    if q:
        prefix = q.lower()
        match = f"(lower(u.email) ~>=~ {literal(prefix)} and lower(u.email) ~<~ {literal(prefix[:-1] + chr(ord(prefix[-1]) + 1))}"
        words = [w for w in ''.join(c if c.isalnum() else ' ' for c in prefix).split()][:8]
        if words:
            match += " or to_tsvector('simple', u.name) @@ to_tsquery('simple', " + literal(' & '.join(w + ':*' for w in words)) + ")"
        where.append(match + ')')
    if 'verified' in query:
        where.append('u.email_verified_at is ' + ('not null' if query['verified'] == 'true' else 'null'))
    if 'disabled' in query:
        disabled = "(u.disabled_at is not null and (u.disabled_until is null or u.disabled_until > now()))"
        where.append(disabled if query['disabled'] == 'true' else 'not ' + disabled)
    if 'mfa' in query:
        where.append(HAS_FACTOR if query['mfa'] == 'true' else 'not ' + HAS_FACTOR)
    if 'created_after' in query:
        where.append('u.created_at > cast(' + day(query['created_after']) + ' as timestamptz)')
    if 'created_before' in query:
        where.append('u.created_at < cast(' + day(query['created_before']) + ' as timestamptz)')
    key = 'u.created_at' if query.get('sort', 'created') == 'created' else "coalesce(u.last_sign_in_at, '-infinity'::timestamptz)"
    if 'last_sign_in_before' in query:
        where.append("coalesce(u.last_sign_in_at, '-infinity'::timestamptz) < cast(" + day(query['last_sign_in_before'])
                     + ' as timestamptz)')
    if 'cursor' in query:
        text = base64.urlsafe_b64decode(query['cursor'] + '=' * (-len(query['cursor']) % 4)).decode()
        _, at, uid = text.split('|')
        where.append(f"({key}, u.id) < (cast({literal(at if at != '-' else '-infinity')} as timestamptz),"
                     f" cast({literal(uid)} as uuid))")
    return ('select u.id, u.name, u.email, u.email_verified_at, u.created_at, u.last_sign_in_at, u.disabled_at,'
            ' u.disabled_until, u.admin_since, ' + HAS_FACTOR + ' from users u where true'
            + ''.join(' and ' + w for w in where) + f' order by {key} desc, u.id desc limit 51')


def main():
    token = admin_token()
    SCENARIOS.append(('page 100,000 deep', {'cursor': deep_cursor(100000)}))
    only = os.environ.get('ONLY')
    for name, query in SCENARIOS:
        if only and only not in name:
            continue
        path = '/api/v1/admin/users?' + urllib.parse.urlencode({**query, 'limit': 50})
        times = []
        for i in range(20 + REQUESTS):
            start = time.perf_counter()
            status, body = call('GET', path, token=token)
            elapsed = (time.perf_counter() - start) * 1000
            if status == 401:   # the access token expired: sign in again, and do not count this one
                token = admin_token()
                continue
            assert status == 200, (name, status, body)
            if i >= 20:
                times.append(elapsed)
        times.sort()
        p50 = times[len(times) // 2]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"admin-search {name:34s} users={len(body['users']):3d} p50_ms={p50:.1f} p99_ms={p99:.1f}"
              f" max_ms={times[-1]:.1f} n={len(times)}", flush=True)
    for name, query in SCENARIOS + [COMBINATION]:
        print(f"\n### {name}\n")
        print(psql('explain (analyze, buffers, costs off) ' + statement(query)), flush=True)


if __name__ == '__main__':
    main()
