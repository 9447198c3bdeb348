-- Each instance keeps the live sessions it has read, with their users, so that a protected call needs no query
-- (authentication.control.LiveCallers). Whatever could make a kept answer wrong is told to every instance at commit
-- through NOTIFY on the channel latchkey_callers, with the user's id, or '*' for everyone; each instance LISTENs and
-- forgets that user's sessions at once. A session is told only when it could have ended sooner: revoked, its
-- lifetimes shortened, its credentials outdated, or deleted while live (a refresh that slides its lifetime on is
-- not told: a kept session is checked against the clock anyway). Every change of a user is told.
create function latchkey_user_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('latchkey_callers', old.id::text);
    return null;
end $$;

create function latchkey_session_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('latchkey_callers', old.user_id::text);
    return null;
end $$;

create trigger users_changed after update or delete on users
    for each row execute function latchkey_user_changed();

-- Ending every session at once (an administrator's answer to a leak) sets latchkey.callers to 'all' for its
-- transaction and tells '*' once, rather than once for each of millions of users.
create trigger sessions_ended after update on sessions
    for each row when (current_setting('latchkey.callers', true) is distinct from 'all'
        and (old.revoked_at is distinct from new.revoked_at or new.expires_at < old.expires_at
            or new.refresh_expires_at < old.refresh_expires_at or new.credential_version <> old.credential_version
            or new.user_id <> old.user_id))
    execute function latchkey_session_changed();

create trigger sessions_deleted after delete on sessions
    for each row when (old.revoked_at is null and old.expires_at > now() and old.refresh_expires_at > now())
    execute function latchkey_session_changed();
