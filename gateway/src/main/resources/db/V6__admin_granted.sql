-- Where a user's admin flag comes from. users.admin stays the effective flag; admin_granted marks
-- an admin flag an administrator gave (admin page, POST/PATCH /hub/api/users): it persists until
-- an administrator takes it. Every login and every session re-check sets
-- admin = (auth.admin_users / auth.admin_groups say so) OR admin_granted, so leaving the admin
-- group at the IdP revokes a configured admin flag but never a granted one.
ALTER TABLE users ADD COLUMN admin_granted BOOLEAN NOT NULL DEFAULT FALSE;
-- Admin flags no login has touched yet were set by an administrator (users created as admins);
-- for the others the source is unknown, and the configuration keeps deciding them as before.
UPDATE users SET admin_granted = TRUE WHERE admin AND added_by_admin AND last_login IS NULL;
