package io.enjoy.gateway.state;

import java.time.Instant;

/**
 * A hub user as stored in PostgreSQL.
 *
 * @param id           database id
 * @param name         the user name exactly as the identity provider gave it (never case-folded)
 * @param safeName     injective, stable escaping of {@code name} for container names and
 *                     directories ({@code [a-z0-9-]}, see {@code SafeNames})
 * @param uid          numeric uid the user's server runs as (stable per user)
 * @param admin        effective admin flag: {@code auth.admin_users}/{@code admin_groups} at the last login or
 *                     re-check, or granted by an administrator
 * @param created      first login
 * @param lastActivity newest activity of any kind, null if never
 */
public record UserRecord(long id, String name, String safeName, int uid, boolean admin, Instant created, Instant lastActivity) {}
