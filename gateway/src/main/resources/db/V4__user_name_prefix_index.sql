-- EnJoY hub schema, version 3: the user list's name search (JupyterHub's name_filter, a prefix)
-- asks for the range [prefix, end) with the byte-order operators ~>=~ / ~<~, which only a
-- text_pattern_ops index serves whatever the database's collation is.

CREATE INDEX users_name_pattern ON users (name text_pattern_ops);
