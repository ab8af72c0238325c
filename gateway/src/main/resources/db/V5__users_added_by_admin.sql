-- Users an administrator added (admin page or POST /hub/api/users) may log in even when the
-- configured allow-lists and groups do not name them, as in JupyterHub. Users who only ever
-- logged in are not marked: losing the course group still ends their access.
ALTER TABLE users ADD COLUMN added_by_admin BOOLEAN NOT NULL DEFAULT FALSE;
