package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the typed values of Oracle Net parameters: switches, whole numbers, durations. */
public final class NetValues {

    private static final Pattern DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|msec|s|sec|secs|seconds|m|min|mins|minutes|h|hr|hrs|hours)?",
                    Pattern.CASE_INSENSITIVE);

    private NetValues() {
    }

    /**
     * {@code ON}, {@code YES} and {@code TRUE} switch on; anything else switches off. This is how Oracle's
     * clients read FAILOVER, LOAD_BALANCE and SOURCE_ROUTE in a descriptor, so the gateway reads them so too.
     */
    public static boolean isOn(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("yes") || v.equals("true");
    }

    /** A plain value, or an error that names the pair and says that a plain value was expected. */
    public static String text(NvPair pair) {
        return pair.atom().orElseThrow(() -> new NetParseException(pair.position(),
                pair.name() + " takes a plain value, not nested (NAME=value) pairs"));
    }

    /** A whole number within bounds. */
    public static int integer(NvPair pair, int min, int max) {
        String v = text(pair).strip();
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NetParseException(pair.position(),
                pair.name() + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
    }

    /**
     * A duration: a number of seconds, or a number with a unit ({@code 500 ms}, {@code 15 SEC},
     * {@code 5 min}, {@code 2 hr}); blanks between number and unit and any case are accepted.
     */
    public static Duration duration(NvPair pair) {
        String v = text(pair).strip();
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new NetParseException(pair.position(), pair.name()
                    + " must be a duration such as 30, 500ms, 15 sec, 5 min or 1 hr, not '" + v + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        BigDecimal millis = switch (unit.charAt(0)) {
            case 'm' -> unit.startsWith("ms") ? amount : amount.multiply(BigDecimal.valueOf(60_000));
            case 'h' -> amount.multiply(BigDecimal.valueOf(3_600_000));
            default -> amount.multiply(BigDecimal.valueOf(1_000));
        };
        return Duration.ofMillis(millis.longValue());
    }

    /**
     * Fails unless the pair holds nested pairs: ADDRESS, CONNECT_DATA and the like are containers. An empty
     * value, {@code (PARAMETER_LIST=)}, is an empty container.
     */
    public static void requireContainer(NvPair pair) {
        boolean empty = pair.value() instanceof NvValue.Atom a && a.text().isEmpty();
        if (!(pair.value() instanceof NvValue.Pairs) && !empty) {
            throw new NetParseException(pair.position(),
                    pair.name() + " must hold (NAME=value) pairs, not a plain value");
        }
    }
}
