package io.enjoy.gateway.state;

/**
 * Hub-wide numbers as JupyterHub's metrics report them.
 *
 * @param totalUsers     {@code jupyterhub_total_users}
 * @param activeDay      {@code jupyterhub_active_users{period="24h"}}: users active in the last 24 hours
 * @param activeWeek     ... 7 days
 * @param activeMonth    ... 30 days
 * @param runningServers {@code jupyterhub_running_servers}
 * @param pendingSpawns  servers starting now
 */
public record HubCounts(long totalUsers, long activeDay, long activeWeek, long activeMonth, long runningServers, long pendingSpawns) {}
