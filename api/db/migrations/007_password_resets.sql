-- Password reset codes (api/identity/password-reset.ts): like email_codes, keyed by the e-mail's
-- keyed hash, the code only as a keyed hash, 10 minutes and 5 tries. One row per address.
CREATE TABLE password_resets (
  email_hash bytea PRIMARY KEY,
  code_hash bytea NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL
);
