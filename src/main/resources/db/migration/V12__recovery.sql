-- Recovery wins (issue 28). An account may have no password: a recovery that must assume the password is known to
-- whoever took the account over (an undone address change, a first verification by an emailed code) removes it,
-- and the owner sets a new one through a reset link. An address the account left stays reserved to it while its
-- undo link lives: the reservation is that link's row, found by the address it carries.
alter table users alter column password_hash drop not null;
create index action_tokens_reserved_address on action_tokens (lower(payload))
    where kind = 'UNDO_EMAIL_CHANGE' and used_at is null;
