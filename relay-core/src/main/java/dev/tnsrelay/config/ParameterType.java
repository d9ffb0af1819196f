package dev.tnsrelay.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a cman.ora parameter's text is read. Each type turns text into a value or says, in a message for the
 * user, what it expected.
 */
sealed interface ParameterType {

    Object read(String text);

    /** A value as cman.ora writes it, so that {@code read(write(v))} gives {@code v} back. */
    default String write(Object value) {
        return String.valueOf(value);
    }

    /** A type whose values are lists of words, written back comma-separated. */
    sealed interface ListType extends ParameterType {
        @Override
        @SuppressWarnings("unchecked") // read gives a List<String>
        default String write(Object value) {
            return String.join(",", (List<String>) value);
        }
    }

    /** ON/OFF; YES/NO and TRUE/FALSE are accepted as Oracle's files use them interchangeably. */
    record Switch() implements ParameterType {
        @Override
        public Object read(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "on", "yes", "true" -> Boolean.TRUE;
                case "off", "no", "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected on or off (yes or no), not '" + text.strip() + "'");
            };
        }

        @Override
        public String write(Object value) {
            return (Boolean) value ? "on" : "off";
        }
    }

    /** A whole number of {@code unit}s, 0 or more; 0 means no limit. */
    record Time(ChronoUnit unit) implements ParameterType {
        @Override
        public Object read(String text) {
            long n = Count.number(text, 0, Integer.MAX_VALUE);
            return Duration.of(n, unit);
        }

        @Override
        public String write(Object value) {
            return Long.toString(((Duration) value).toSeconds() / unit.getDuration().toSeconds());
        }
    }

    /** A whole number within bounds. */
    record Count(int min, int max) implements ParameterType {
        @Override
        public Object read(String text) {
            return (int) number(text, min, max);
        }

        static long number(String text, long min, long max) {
            try {
                long n = Long.parseLong(text.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max + ", not '"
                    + text.strip() + "'");
        }
    }

    /** One of a few keywords, kept lower-case. */
    record Choice(List<String> values) implements ParameterType {
        Choice(String... values) {
            this(List.of(values));
        }

        @Override
        public Object read(String text) {
            String v = text.strip().toLowerCase(Locale.ROOT);
            if (!values.contains(v)) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", values) + ", not '"
                        + text.strip() + "'");
            }
            return v;
        }
    }

    /** Free text, such as a directory. */
    record Text() implements ParameterType {
        @Override
        public Object read(String text) {
            return text.strip();
        }
    }

    /** An absolute directory, or empty for "not set": a relative one would depend on where the server was started. */
    record Directory() implements ParameterType {
        @Override
        public Object read(String text) {
            String t = text.strip();
            try {
                if (t.isEmpty() || java.nio.file.Path.of(t).isAbsolute()) {
                    return t;
                }
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("expected an absolute directory, not '" + t + "': " + e.getReason());
            }
            throw new IllegalArgumentException("expected an absolute directory, not '" + t + "'");
        }
    }

    /** A comma-separated list of keywords from a fixed set, kept lower-case and without repeats. */
    record Choices(List<String> values) implements ListType {
        @Override
        public Object read(String text) {
            List<String> out = new java.util.ArrayList<>();
            for (String part : text.split(",")) {
                String v = part.strip().toLowerCase(Locale.ROOT);
                if (v.isEmpty() || out.contains(v)) {
                    continue;
                }
                if (!values.contains(v)) {
                    throw new IllegalArgumentException("expected a list of " + String.join(", ", values) + ", not '"
                            + part.strip() + "'");
                }
                out.add(v);
            }
            return List.copyOf(out);
        }
    }

    /** A comma-separated list of host names, addresses, subnets or {@code *} (registration nodes). */
    record NodeList() implements ListType {
        @Override
        public Object read(String text) {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    /**
     * A comma-separated list of IPv4/IPv6 addresses and {@code /nn} subnets, no host names and no {@code *}: what
     * is checked on every connection before anything else must not wait for DNS, nor trust every address.
     */
    record Subnets() implements ListType {
        @Override
        public Object read(String text) {
            List<String> items = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            for (String item : items) {
                if (!(dev.tnsrelay.rules.HostPattern.parse(item) instanceof dev.tnsrelay.rules.HostPattern.Subnet)) {
                    throw new IllegalArgumentException("'" + item + "' is not an IP address or a /nn subnet");
                }
            }
            return items;
        }
    }

    /** {@code host:port}, or empty for "not set". */
    record HostPort() implements ParameterType {
        private static final Pattern FORM = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\s]+):\\d{1,5}");

        @Override
        public Object read(String text) {
            if (!text.isBlank() && !FORM.matcher(text.strip()).matches()) {
                throw new IllegalArgumentException("expected host:port, not '" + text.strip() + "'");
            }
            return text.strip();
        }
    }

    /** An absolute file, or empty for "not set". */
    record AbsoluteFile() implements ParameterType {
        @Override
        public Object read(String text) {
            String t = text.strip();
            try {
                if (t.isEmpty() || java.nio.file.Path.of(t).isAbsolute()) {
                    return t;
                }
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("expected an absolute file, not '" + t + "': " + e.getReason());
            }
            throw new IllegalArgumentException("expected an absolute file, not '" + t + "'");
        }
    }

    /**
     * SSL_VERSION as Oracle's clients write it: {@code undetermined}, one version ({@code 1.2}, {@code TLSv1.3}),
     * several ({@code 1.2 or 1.3}, {@code (1.2,1.3)}) or a minimum ({@code 1.2+}); read as the sorted versions
     * ({@code 1.2}, {@code 1.3}), {@code undetermined} being every version tnsrelay offers.
     */
    record TlsVersions() implements ListType {
        static final List<String> KNOWN = List.of("3.0", "1.0", "1.1", "1.2", "1.3");
        static final List<String> UNDETERMINED = List.of("1.2", "1.3");

        @Override
        public Object read(String text) {
            String t = text.strip().replaceAll("^\\((.*)\\)$", "$1");
            java.util.TreeSet<String> out = new java.util.TreeSet<>(java.util.Comparator.comparingInt(KNOWN::indexOf));
            for (String part : t.split("\\s*,\\s*|\\s+(?i:or)\\s+")) {
                String v = part.strip().toLowerCase(Locale.ROOT).replaceFirst("^tlsv", "");
                if (v.equals("undetermined") || v.equals("0") || v.equals("any")) {
                    out.addAll(UNDETERMINED);
                    continue;
                }
                boolean andLater = v.endsWith("+");
                v = andLater ? v.substring(0, v.length() - 1) : v;
                if (!KNOWN.contains(v)) {
                    throw new IllegalArgumentException("expected undetermined, 1.2, 1.3, '1.2 or 1.3' or 1.2+, not '"
                            + part.strip() + "'");
                }
                out.addAll(andLater ? KNOWN.subList(KNOWN.indexOf(v), KNOWN.size()) : List.of(v));
            }
            return List.copyOf(out);
        }
    }

    /**
     * SSL_CIPHER_SUITES: cipher suite names, the standard ones ({@code TLS_AES_256_GCM_SHA384}) or Oracle's with
     * {@code SSL_} for {@code TLS_} ({@code SSL_ECDHE_RSA_WITH_AES_256_GCM_SHA384}); read as the standard names.
     * Empty: tnsrelay's strong defaults.
     */
    record CipherSuites() implements ListType {
        @Override
        public Object read(String text) {
            List<String> out = new java.util.ArrayList<>();
            for (String part : text.strip().replaceAll("^\\((.*)\\)$", "$1").split("[,\\s]+")) {
                String name = part.strip().toUpperCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                String standard = CipherNames.standard(name).orElseThrow(() -> new IllegalArgumentException(
                        "expected cipher suite names such as TLS_AES_256_GCM_SHA384, not '" + part.strip() + "'"));
                if (!out.contains(standard)) {
                    out.add(standard);
                }
            }
            return List.copyOf(out);
        }
    }
}
