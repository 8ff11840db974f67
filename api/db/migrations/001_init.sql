-- Watercooler schema. Read with DESIGN.md "Keys and forgetting": every column that could tie a
-- person to what they wrote is a ciphertext or keyed hash under a key from api/keys that dies on a
-- schedule. No e-mail address and no raw IP is stored anywhere. Ids are random (api/ids.ts).
-- Times that drive privacy windows are written by the application clock, never now().

CREATE TABLE companies (
  id          text PRIMARY KEY,
  slug        text NOT NULL UNIQUE,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE company_domains (
  domain      text PRIMARY KEY,            -- lower-case, e.g. acme.example
  company_id  text NOT NULL REFERENCES companies(id) ON DELETE CASCADE
);
CREATE INDEX company_domains_company ON company_domains (company_id);

-- A pending sign-up: nothing about the person but keyed hashes until the code is confirmed.
CREATE TABLE email_codes (
  email_hash     bytea PRIMARY KEY,          -- HMAC(EMAIL_HASH_SECRET, normalised e-mail)
  code_hash      bytea NOT NULL,             -- HMAC of the 6-digit code
  password_hash  text,                       -- argon2id, carried to the account on success
  company_id     text REFERENCES companies(id) ON DELETE CASCADE,
  member_kind    text NOT NULL CHECK (member_kind IN ('employee', 'verified', 'member')),
  attempts       int NOT NULL DEFAULT 0,
  expires_at     timestamptz NOT NULL
);

CREATE TABLE accounts (
  id             text PRIMARY KEY,
  email_hash     bytea NOT NULL UNIQUE,
  password_hash  text NOT NULL,
  -- employee: e-mail domain belongs to company_id; verified: a work domain we do not list;
  -- member: a free-mail domain.
  member_kind    text NOT NULL CHECK (member_kind IN ('employee', 'verified', 'member')),
  company_id     text REFERENCES companies(id) ON DELETE SET NULL,
  created_on     date NOT NULL,              -- day only: account age for bot signals
  failed_logins  int NOT NULL DEFAULT 0,
  locked_until   timestamptz
);
CREATE INDEX accounts_company ON accounts (company_id) WHERE company_id IS NOT NULL;

CREATE TABLE sessions (
  token_hash  bytea PRIMARY KEY,             -- SHA-256 of the bearer token
  account_id  text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE threads (
  id             text PRIMARY KEY,
  company_id     text REFERENCES companies(id) ON DELETE CASCADE,   -- null: the general board
  title          text NOT NULL,
  created_at     timestamptz NOT NULL,
  last_post_at   timestamptz NOT NULL,
  post_count     int NOT NULL DEFAULT 0,
  is_canary      boolean NOT NULL DEFAULT false                        -- S5 trap: no person's client opens it
);
CREATE INDEX threads_board ON threads (company_id, last_post_at DESC, id);
CREATE INDEX threads_recent ON threads (last_post_at DESC, id);

-- One row per (thread, alias): the alias tag is HMAC(author-chain day key of the alias epoch's first
-- day, person ‖ thread). Once that key dies the tag is noise; the alias words stay unique per thread.
CREATE TABLE thread_aliases (
  thread_id   text NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  tag         bytea NOT NULL,
  words       text NOT NULL,                 -- "Teal Heron"
  PRIMARY KEY (thread_id, tag),
  UNIQUE (thread_id, words)
);

CREATE TABLE posts (
  id            text PRIMARY KEY,
  thread_id     text NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  position      int NOT NULL,                -- 1 = the opening post; public order inside a thread
  body          text NOT NULL,
  alias         text NOT NULL,               -- display label: "Employee of Acme · Teal Heron"
  created_at    timestamptz NOT NULL,
  author_day    date NOT NULL,               -- which author-chain day key guards the two columns below
  author_tag    bytea,                       -- HMAC(day key, account id): finds /me/posts. Null once the key died.
  author_box    bytea,                       -- AES-256-GCM(account id) under the day key, for the ETL. Null once the key died.
  receipt_hash  bytea NOT NULL,              -- SHA-256 of the deletion receipt handed to the author
  deleted       boolean NOT NULL DEFAULT false,
  UNIQUE (thread_id, position)
);
CREATE INDEX posts_author_tag ON posts (author_tag) WHERE author_tag IS NOT NULL;
CREATE INDEX posts_created ON posts (created_at);
CREATE INDEX posts_author_day ON posts (author_day) WHERE author_box IS NOT NULL;

CREATE TABLE post_reports (
  id          text PRIMARY KEY,
  post_id     text NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  reason      text NOT NULL,
  created_at  timestamptz NOT NULL,
  resolved    boolean NOT NULL DEFAULT false
);
CREATE INDEX post_reports_open ON post_reports (created_at) WHERE NOT resolved;

-- One report per person × company × job family × year (a second replaces the first).
CREATE TABLE salaries (
  id                text PRIMARY KEY,
  reporter_tag      bytea NOT NULL UNIQUE,   -- HMAC(salary-chain key of submitted_year, person ‖ company ‖ family ‖ year)
  reporter_box      bytea,                   -- AES-256-GCM(account id) under the same key, for the ETL. Null once it died.
  submitted_year    int NOT NULL,
  submitted_on      date NOT NULL,
  company_id        text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  job_family        text NOT NULL,
  level             text NOT NULL,
  city              text NOT NULL,
  years_experience  int NOT NULL,
  base              numeric(14, 2) NOT NULL,
  bonus             numeric(14, 2) NOT NULL,
  equity            numeric(14, 2) NOT NULL,
  currency          char(3) NOT NULL,
  year              int NOT NULL
);
CREATE INDEX salaries_submitted ON salaries (submitted_year, submitted_on);

-- S6: every non-allow protection decision, with its reasons. No raw IP, no account id.
CREATE TABLE bot_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at     timestamptz NOT NULL,
  decision        text NOT NULL CHECK (decision IN ('throttle', 'challenge', 'block')),
  enforced        boolean NOT NULL,          -- false in monitor mode
  score           int NOT NULL CHECK (score BETWEEN 0 AND 100),
  reasons         text[] NOT NULL,
  route_class     text NOT NULL,
  network_key     text,                      -- HMAC(network-chain day key, /24 or /48 prefix); nulled after 7 days
  fingerprint_id  text NOT NULL,
  account_tag     text                       -- HMAC(account-chain month key, account id)
);
CREATE INDEX bot_events_time ON bot_events (occurred_at);

CREATE TABLE allow_list (
  kind        text NOT NULL CHECK (kind IN ('fingerprint', 'account')),
  value       text NOT NULL,                 -- fingerprint id, or account tag
  note        text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (kind, value)
);
