package dev.tnsrelay.admin;

/** One rule, numbered from 1 in list order (first match wins), as cman.ora writes it and by its parts. */
public record RuleEntry(int position, String text, String source, String destination, String service,
        String action) {
}
