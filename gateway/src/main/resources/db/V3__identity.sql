-- Identity keyed on the issuer and its subject, and the hub's login sessions with the
-- issuer's tokens (encrypted) so they can be re-checked, logged out at the issuer and ended by
-- back-channel logout.

-- Which account at which issuer a hub user is. The user name may change at the issuer (rename):
-- the row stays, so home directory, uid and servers stay. A different subject never takes over
-- a name that is bound here.
CREATE TABLE user_identities (
  issuer        TEXT NOT NULL,
  subject       TEXT NOT NULL,
  user_id       BIGINT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  created       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);

-- One row per browser login. The id is a random value kept only in the encrypted session
-- cookie; the row holds its SHA-256. Tokens are AES-GCM encrypted with <data_dir>/secrets/token-key.
CREATE TABLE login_sessions (
  id_hash       TEXT PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  issuer        TEXT NOT NULL,
  subject       TEXT NOT NULL,
  idp_session   TEXT,                          -- the ID token's sid, named by back-channel logout
  refresh_token BYTEA,
  id_token      BYTEA,
  created       TIMESTAMPTZ NOT NULL DEFAULT now(),
  checked       TIMESTAMPTZ NOT NULL DEFAULT now(),
  ended         TIMESTAMPTZ
);
CREATE INDEX login_sessions_idp ON login_sessions(issuer, idp_session);
CREATE INDEX login_sessions_user ON login_sessions(user_id);
