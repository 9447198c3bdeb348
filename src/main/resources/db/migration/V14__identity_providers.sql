-- Sign-in through identity providers (issue 32). An identity is (provider, subject), never an address: a returning
-- subject signs in to its account whatever its address at the provider says now. Deleting the account deletes them.
create table identities (
    id           uuid primary key,
    user_id      uuid not null references users (id) on delete cascade,
    provider     varchar(40) not null,
    subject      varchar(255) not null,
    email        varchar(320),
    linked_at    timestamp with time zone not null,
    last_used_at timestamp with time zone,
    constraint identities_subject unique (provider, subject)
);
create index identities_user on identities (user_id);

-- A sign-in or a link under way, here so that any instance may receive the provider's callback. Only hashes of the
-- state, of the browser cookie's secret (from which the nonce and the PKCE verifier are derived, so neither is stored)
-- and of the completion value: a copy of this table lets no one finish a flow. Each step is good once, for ten minutes.
-- The users' ids are text here (set only at some steps; the JPA provider binds a null UUID as text), checked against
-- users when the flow is used.
create table provider_flows (
    id               uuid primary key,
    provider         varchar(40) not null,
    state_hash       varchar(64) not null constraint provider_flows_state unique,
    browser_hash     varchar(64) not null,
    return_to        varchar(512) not null,
    link_user_id     varchar(36),
    created_at       timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    called_back_at   timestamp with time zone,
    completion_hash  varchar(64) constraint provider_flows_completion unique,
    user_id          varchar(36),
    amr              varchar(100),
    completed_at     timestamp with time zone
);
create index provider_flows_expiry on provider_flows (expires_at);
