-- Mails are written here in the transaction of the change that causes them and sent by a scheduled relay, so an
-- SMTP outage delays mail but loses none. Instances claim rows with FOR UPDATE SKIP LOCKED: one sends each mail.
create table outbox_mails (
    id              uuid primary key,
    recipient       varchar(254) not null,
    subject         varchar(255) not null,
    text_body       text not null,
    html_body       text not null,
    created_at      timestamp with time zone not null,
    next_attempt_at timestamp with time zone not null,
    attempts        integer not null default 0,
    last_error      varchar(500),
    sent_at         timestamp with time zone,
    failed_at       timestamp with time zone
);
create index outbox_mails_due on outbox_mails (next_attempt_at) where sent_at is null and failed_at is null;

-- One-time tokens sent by mail. Only a SHA-256 of the token is stored: the database alone cannot be used to
-- verify an address or reset a password. A token is valid for its kind only.
create table action_tokens (
    token_hash varchar(64) primary key,
    kind       varchar(32) not null,
    user_id    uuid not null references users (id) on delete cascade,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index action_tokens_user on action_tokens (user_id, kind);

-- Password reset requests, taken as they come and resolved by the relay: the request does the same work whether
-- the address has an account or not, so neither its answer nor its timing tells.
create table password_reset_requests (
    id           uuid primary key,
    email        varchar(254) not null,
    requested_at timestamp with time zone not null
);
