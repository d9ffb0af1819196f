package dev.tnsrelay.admin;

/** One parameter: its value now, its default, and whether {@code set} may change it while running. */
public record ParameterValue(String name, String value, String defaultValue, boolean settable, String description) {
}
