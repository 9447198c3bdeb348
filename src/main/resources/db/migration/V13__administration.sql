-- Administration (issue 31). An account is an admin from admin_since on (granted by an admin or the command line;
-- ADMIN_EMAILS adds verified addresses without a row changing). A disabled account cannot sign in until it is enabled
-- or disabled_until has passed; its sessions ended when it was disabled.
alter table users add column admin_since timestamp with time zone;
alter table users add column disabled_at timestamp with time zone;
alter table users add column disabled_reason varchar(500);
alter table users add column disabled_until timestamp with time zone;
alter table users add column last_sign_in_at timestamp with time zone;

-- The user list, newest first or by last sign-in, is read a page at a time by keyset: (sort key, id) < the cursor.
create index users_created on users (created_at desc, id desc);
create index users_last_sign_in on users ((coalesce(last_sign_in_at, '-infinity'::timestamptz)) desc, id desc);
-- Search: a prefix of the address (any case), or the words of the name (each a prefix).
create index users_email_prefix on users (lower(email) text_pattern_ops);
create index users_name_words on users using gin (to_tsvector('simple', name));
-- The rare ones, found without reading the rest.
create index users_disabled on users (created_at desc, id desc) where disabled_at is not null;
create index users_unverified on users (created_at desc, id desc) where email_verified_at is null;
create index users_admins on users (id) where admin_since is not null;

-- Who acted (an admin; null for the user themself or the service) and why, on every event; read newest first.
alter table audit_events add column actor_id uuid;
alter table audit_events add column reason varchar(500);
create index audit_events_newest on audit_events (id desc);
create index audit_events_user_newest on audit_events (user_id, id desc);
create index audit_events_actor_newest on audit_events (actor_id, id desc) where actor_id is not null;
create index audit_events_kind_newest on audit_events (kind, id desc);
drop index audit_events_user;
