-- A refresh token is its session's id and generation, sealed: it is refused once its generation is past (beyond
-- the reuse interval) or its session has ended, both read from the session row that refresh locks anyway. The
-- table of blacklisted tokens was written on every rotation and logout and read by nothing (docs/ARCHITECTURE.md).
drop table blacklisted_tokens;
