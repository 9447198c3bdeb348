-- Passkeys (WebAuthn credentials): what verifying an assertion needs (the attested credential data, with its COSE
-- public key, as webauthn4j serialises it), the sign count that detects cloned authenticators, and what the owner
-- sees (a name, when added and last used).
create table passkeys (
    id                 uuid primary key,
    user_id            uuid not null references users (id) on delete cascade,
    credential_id      varchar(1400) not null unique,
    credential_data    text not null,
    sign_count         bigint not null,
    transports         varchar(200) not null default '',
    backup_eligible    boolean not null,
    backed_up          boolean not null,
    user_verified      boolean not null,
    name               varchar(100) not null,
    created_at         timestamp with time zone not null,
    last_used_at       timestamp with time zone
);
create index passkeys_user on passkeys (user_id);

-- Challenges of WebAuthn ceremonies, single-use and short-lived, kept here so that any instance can finish a
-- ceremony another began. Only their SHA-256 is stored. A sign-in challenge belongs to no user (discoverable
-- credentials: the authenticator says who); the user's id is text, as the server's EclipseLink cannot bind a null
-- uuid (and a challenge lives minutes: pruning, not a foreign key, removes it).
create table passkey_challenges (
    challenge_hash varchar(64) primary key,
    purpose        varchar(16) not null,
    user_id        varchar(36),
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    used_at        timestamp with time zone
);
