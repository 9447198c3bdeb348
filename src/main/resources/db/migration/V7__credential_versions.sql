-- A credential change (password changed or reset, address verified) moves the user's credential_version on; a
-- session records the version it was signed in under and is only as good as long as they match. Logins that
-- checked the old password while it was being changed thus end with it, however the two raced.
alter table users add column credential_version bigint not null default 0;
alter table sessions add column credential_version bigint not null default 0;
