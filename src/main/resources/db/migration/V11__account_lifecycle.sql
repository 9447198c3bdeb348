-- The account's language for its mails (a BCP 47 language, chosen from Accept-Language at registration), and
-- whether its owner wants a notice when it signs in from a new device or address.
alter table users add column locale varchar(35) not null default 'en';
alter table users add column new_device_notice boolean not null default true;
-- An address change waiting for the new address to confirm it, until when: on the row every authenticated request
-- reads already, so GET /me shows it without another query. The change itself is made by its token.
alter table users add column pending_email varchar(254);
alter table users add column pending_email_until timestamp with time zone;

-- A value some tokens carry: the new address of an email change (its verification), the old one of its undo.
alter table action_tokens add column payload varchar(254);
-- The 6-digit code mailed with a sign-in link: a SHA-256 of the code and the token's hash, so it is tied to its
-- token. A code alone is only 20 bits: its token counts wrong tries and lives 10 minutes.
alter table action_tokens add column code_hash varchar(64);

-- Which account a mail was about, for the owner's export and for deletion. Text, as EclipseLink cannot bind a
-- null uuid; null for mails to no account (the notice to an address someone else tried to take).
alter table outbox_mails add column user_id varchar(36);
create index outbox_mails_user on outbox_mails (user_id);

-- Sign-ins by emailed code, asked for an address and resolved by the relay as reset requests are: the request
-- does the same work whether the address has an account or not. A table of its own, so that instances of the
-- previous release, which resolve password_reset_requests, never take one for a reset during an upgrade.
create table email_login_requests (
    id           uuid primary key,
    email        varchar(254) not null,
    requested_at timestamp with time zone not null
);

-- The devices (as "Chrome on Linux") and client addresses an account signed in from, each with when it was last
-- seen: a sign-in from one not seen for 90 days is a new one, and its owner is told. Only SHA-256 hashes of
-- them: the table tells nobody where a user has been.
create table sign_in_origins (
    user_id      uuid not null references users (id) on delete cascade,
    kind         varchar(8) not null,
    value_hash   varchar(64) not null,
    last_seen_at timestamp with time zone not null,
    primary key (user_id, kind, value_hash)
);
