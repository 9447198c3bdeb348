-- Accounts. The email is stored as given (trimmed, domain lower-cased) and unique case-insensitively.
-- password_hash is a self-describing string (PHC for Argon2id, Modular Crypt for imported bcrypt):
-- it names the algorithm and holds its parameters and salt, so a policy change can be detected per user.
create table users (
    id                uuid primary key,
    name              varchar(100) not null,
    email             varchar(254) not null,
    password_hash     varchar(255) not null,
    email_verified_at timestamp with time zone,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);
create unique index users_email_unique on users (lower(email));

-- Keys that sign access tokens. Every instance signs with the newest active key and publishes all that have not
-- been retired long enough for their last token to expire.
create table signing_keys (
    kid         varchar(64) primary key,
    algorithm   varchar(16) not null,
    private_key text not null,
    public_key  text not null,
    created_at  timestamp with time zone not null,
    retired_at  timestamp with time zone
);

-- One row per login on one device: the "sid" of its access tokens.
create table sessions (
    id           uuid primary key,
    user_id      uuid not null references users (id) on delete cascade,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    user_agent   varchar(512),
    ip           varchar(64),
    revoked_at   timestamp with time zone
);
create index sessions_user on sessions (user_id);
