-- EnJoY hub schema, version 1: users, their servers, hashed API tokens, activity.

CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,          -- exactly as the identity provider gave it
  safe_name     TEXT NOT NULL UNIQUE,          -- injective escaping for containers/directories
  uid           INTEGER NOT NULL UNIQUE,       -- 100000 + id, stable for the user's lifetime
  admin         BOOLEAN NOT NULL DEFAULT FALSE,
  created       TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_login    TIMESTAMPTZ,
  last_activity TIMESTAMPTZ
);

CREATE TABLE servers (
  id            BIGSERIAL PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          TEXT NOT NULL DEFAULT '',      -- '' = the default server
  image         TEXT,
  state         TEXT NOT NULL DEFAULT 'stopped'
                CHECK (state IN ('stopped', 'spawning', 'running', 'stopping')),
  spawner_node  TEXT,
  backend       TEXT,
  host          TEXT,
  port          INTEGER,
  container_id  TEXT,
  started       TIMESTAMPTZ,
  secret_nonce  TEXT,                          -- the secret is HMAC(hub key, user/server/nonce)
  secret_hash   TEXT,                          -- SHA-256 of the secret, to verify a derivation
  last_error    TEXT,                          -- why the last start/stop failed, for the UI
  state_changed TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);

CREATE TABLE api_tokens (
  id            BIGSERIAL PRIMARY KEY,
  hash          TEXT NOT NULL UNIQUE,          -- SHA-256 hex of the token; the token itself is never stored
  prefix        TEXT NOT NULL,                 -- first characters, to recognise a token in lists
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  server_name   TEXT,                          -- non-null: may only act for this server of the user
  scopes        TEXT[] NOT NULL DEFAULT '{}',
  note          TEXT,
  created       TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires       TIMESTAMPTZ,
  last_activity TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Newest activity per server and source ('proxy' = traffic through the gateway,
-- 'worker' = the server's own reports). A server's last activity is the newest of its rows.
CREATE TABLE activity (
  server_id     BIGINT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  source        TEXT NOT NULL CHECK (source IN ('proxy', 'worker')),
  last_activity TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (server_id, source)
);
