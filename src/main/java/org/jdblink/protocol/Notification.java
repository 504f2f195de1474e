package org.jdblink.protocol;

/** A NotificationResponse: channel name, notifying backend's PID, payload. */
public record Notification(String channel, int pid, String payload) {}
