-- An authenticator app (RFC 6238) per account: its secret sealed with AES-GCM (never stored in clear), the step of
-- the last code accepted (no code is accepted twice, on any instance: the row is locked while it is checked), and
-- when it was confirmed. An unconfirmed row is an enrolment in progress; it expires.
create table totp_factors (
    user_id        uuid primary key references users (id) on delete cascade,
    sealed_secret  text not null,
    created_at     timestamp with time zone not null,
    confirmed_at   timestamp with time zone,
    last_used_step bigint not null default -1
);

-- Recovery codes, stored as SHA-256 hashes of 50 random bits each; a used code keeps its row with used_at.
create table recovery_codes (
    user_id    uuid not null references users (id) on delete cascade,
    code_hash  varchar(64) not null,
    created_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    primary key (user_id, code_hash)
);

-- The second step of a login is an action token too (kind MFA_LOGIN): it counts its wrong codes, and it is bound to
-- the credentials the password step checked.
alter table action_tokens add column attempts integer not null default 0;
alter table action_tokens add column credential_version bigint;

-- How a session was signed in (RFC 8176 method references, space-separated) and when: refreshes keep both. The
-- defaults keep instances of the previous release, which do not write these columns, working during an upgrade.
alter table sessions add column amr varchar(64) not null default 'pwd';
alter table sessions add column auth_time timestamp with time zone;
update sessions set auth_time = created_at;
alter table sessions alter column auth_time set default now();
alter table sessions alter column auth_time set not null;
