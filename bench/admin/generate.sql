-- Ten million users (with sessions, factors, passkeys and audit events in proportion) for the admin search benchmark.
-- Run by bench/admin/run.sh with psql -v users=N on a database Latchkey migrated (Flyway, at its first start).
-- Deterministic: the same N gives the same data. Indexes are dropped for the load and built again after it.
\set ON_ERROR_STOP on
\timing on
set synchronous_commit = off;
set maintenance_work_mem = '1GB';

-- The indexes of the migrations, as they are, built again after the load (faster than kept up row by row).
create temporary table migrated_indexes as
    select indexname, indexdef from pg_indexes
    where tablename in ('users', 'sessions', 'audit_events') and indexname not like '%_pkey';
select format('drop index %I', indexname) from migrated_indexes \gexec

create temporary table first_names (i int, name text);
insert into first_names select row_number() over () - 1, n from unnest(string_to_array(
  'Ada Alan Grace Linus Barbara Edsger Donald Margaret Ken Dennis Bjarne Guido James Anders Yukihiro Larry Rasmus '
  || 'Brendan Tim Vint Radia Frances Hedy Katherine Dorothy Mary Sophie Jean Annie Evelyn Betty Kathleen Marlyn '
  || 'Ruth Adele Joan Carol Shafi Sally Lynn Susan Lisa Anita Fran Ellen Karen Jane Emma Olivia Noah Liam Mia '
  || 'Lucas Ella Leon Hugo Nora Elias Ida Oskar Alma Emil Freja Arne Lena Jonas Maja Felix Clara Paul Marie', ' ')) n;
create temporary table last_names (i int, name text);
insert into last_names select row_number() over () - 1, n from unnest(string_to_array(
  'Lovelace Turing Hopper Torvalds Liskov Dijkstra Knuth Hamilton Thompson Ritchie Stroustrup Rossum Gosling '
  || 'Hejlsberg Matsumoto Wall Lerdorf Eich Berners Cerf Perlman Allen Lamarr Johnson Vaughan Jackson Wilson Sammet '
  || 'Easley Clarke Holberton Antonelli Wescoff Teitelbaum Goldstine Clarke Hoare Goldwasser Floyd Conway Kare '
  || 'Borg Meitner Noether Curie Franklin Goodall Carson Lamport Milner Scott Backus Naur Kay Engelbart Sutherland '
  || 'Minsky McCarthy Newell Simon Bachman Codd Gray Stonebraker Hellerstein Abiteboul Ullman Aho Sethi Hennessy '
  || 'Patterson Wirth Moler Kahan Iverson Cook Karp Rabin Tarjan Hopcroft Valiant Yao Blum Micali Shamir Adleman '
  || 'Rivest Diffie Hellman Merkle Bernstein Koblitz Miller Pearl Bengio Hinton LeCun Dean Ghemawat Pike Cox', ' ')) n;

-- Users: 95 % verified, 80 % signed in at least once, 0.5 % disabled, created over five years, one password hash
-- for all (its cost is not what this measures).
insert into users (id, name, email, password_hash, email_verified_at, created_at, updated_at, credential_version,
                   locale, new_device_notice, last_sign_in_at, disabled_at, disabled_reason)
select md5('u' || g)::uuid,
       f.name || ' ' || l.name,
       lower(f.name) || '.' || lower(l.name) || g || '@' || (array['example.com', 'example.org', 'corp.example',
           'mail.example', 'uni.example'])[1 + g % 5],
       '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$4Y7bmIkF0Yh6Gn3oK1Gm1nqgD7o0a2Y0Vfx0oL6dQvE',
       case when g % 20 <> 7 then created + interval '1 hour' end,
       created, created, 0, 'en', true,
       case when g % 5 <> 3 then created + (g % 1000) * interval '1 day' / 1000 * 365 end,
       case when g % 200 = 11 then created + interval '30 days' end,
       case when g % 200 = 11 then 'benchmark' end
from generate_series(1::bigint, :users) g
     cross join lateral (select timestamptz '2021-12-01' + (g::float8 / :users) * interval '5 years' as created) t
     join first_names f on f.i = (g * 7919) % (select count(*) from first_names)
     join last_names l on l.i = (g * 104729) % (select count(*) from last_names);

-- Second factors: 10 % with an authenticator app, 5 % with a passkey.
insert into totp_factors (user_id, sealed_secret, created_at, confirmed_at)
select md5('u' || g)::uuid, 'benchmark', now(), now() from generate_series(1::bigint, :users) g where g % 10 = 4;
insert into passkeys (id, user_id, credential_id, credential_data, sign_count, backup_eligible, backed_up,
                      user_verified, name, created_at)
select md5('p' || g)::uuid, md5('u' || g)::uuid, md5('c' || g), 'benchmark', 0, true, true, true, 'Passkey', now()
from generate_series(1::bigint, :users) g where g % 20 = 9;

-- Sessions: one for a third of the users.
insert into sessions (id, user_id, created_at, last_used_at, expires_at, refresh_expires_at, user_agent, ip, amr,
                      auth_time)
select md5('s' || g)::uuid, md5('u' || g)::uuid, now() - interval '1 day', now(), now() + interval '29 days',
       now() + interval '6 days', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0', '203.0.113.' || (g % 250), 'pwd',
       now() - interval '1 day'
from generate_series(1::bigint, :users) g where g % 3 = 0;

-- Audit events: two per user (a sign-in and a failure, say), over the same five years.
insert into audit_events (occurred_at, kind, user_id, client_address)
select timestamptz '2021-12-01' + (g::float8 / (2 * :users)) * interval '5 years',
       (array['LOGIN_SUCCEEDED', 'LOGIN_FAILED', 'PASSWORD_CHANGED', 'LOGOUT'])[1 + g % 4],
       md5('u' || (1 + (g * 48271) % :users))::uuid, '198.51.100.' || (g % 250)
from generate_series(1::bigint, 2 * :users) g;

select indexdef from migrated_indexes \gexec
vacuum analyze users;
vacuum analyze audit_events;
vacuum analyze sessions;
vacuum analyze totp_factors;
vacuum analyze passkeys;
