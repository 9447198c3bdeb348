-- Throttle counters shared by all instances: one row per (purpose, client address or account), counted in fixed
-- windows, with an optional block after repeated failures. Account keys hold a SHA-256 of the address, not the
-- address. Pruned by housekeeping once their window and block are over.
create table throttle_counters (
    key           varchar(200) primary key,
    window_start  timestamp with time zone not null,
    hits          integer not null,
    blocked_until timestamp with time zone
);
create index throttle_counters_window on throttle_counters (window_start);
