-- Security events, for the people who run Latchkey: who, when, from where. Never a password, token or secret;
-- a failed login for an address without an account names no one. Pruned after AUDIT_RETENTION.
create table audit_events (
    id             bigint generated always as identity primary key,
    occurred_at    timestamp with time zone not null default now(),
    kind           varchar(32) not null,
    user_id        uuid,
    session_id     uuid,
    client_address varchar(64),
    user_agent     varchar(512)
);
create index audit_events_time on audit_events (occurred_at);
create index audit_events_user on audit_events (user_id, occurred_at);
