-- EnJoY hub schema, version 2: groups (courses), their members and instructors; token lookups
-- by owner. A token's scopes were already stored (V1); an empty array means "inherit the owner's".

CREATE TABLE groups (
  id            BIGSERIAL PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  created       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE group_members (
  group_id      BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members(user_id);

-- Holders of the instructor role, scoped to one group each: they may read members and start
-- and stop members' servers, nothing else (no membership changes: that would widen their reach).
CREATE TABLE group_instructors (
  group_id      BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_instructors_user ON group_instructors(user_id);

-- Named servers of a user are listed and counted by user.
CREATE INDEX servers_user ON servers(user_id);
