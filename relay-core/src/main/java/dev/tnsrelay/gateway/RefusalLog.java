package dev.tnsrelay.gateway;

import dev.tnsrelay.logging.LogText;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log lines of refusals and drops, with repeats aggregated: the first of a kind — one client address, one
 * error, one kind of ending — is written whole; the ones like it that follow are counted and told in one line per
 * {@link #WINDOW} ("… and 57 more like it from 10.1.2.3 in the last 10 s"), so that a flood writes a few lines,
 * not two per connection. At most {@value #MAX_KINDS} kinds are told apart at once; past that the others are
 * counted into one line. {@link #flush} runs on an engine loop every {@link #WINDOW}; any thread may log.
 */
final class RefusalLog {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final int MAX_KINDS = 1024;

    private record Kind(InetAddress client, String ending, int error) {
    }

    /** Repeats of one kind since the last flush; a kind with none at a flush is forgotten. */
    private static final class Repeats {
        long count;
    }

    private final Map<Kind, Repeats> kinds = new LinkedHashMap<>();
    private long overflow;

    /** A refusal the gateway wrote: ORA-nnnnn to the client. */
    void refused(InetAddress client, long session, String clientLabel, Refusal r) {
        if (first(new Kind(client, "refused", r.error()))) {
            LOG.log(Level.INFO, "session {0} from {1}: refused with ORA-{2}: {3}", Long.toString(session),
                    clientLabel, Integer.toString(r.error()), LogText.of(r.detail()));
        }
    }

    /** The next hop's own REFUSE, passed on to the client. */
    void nextHopRefused(InetAddress client, long session, String clientLabel, String server, Refusal r) {
        if (first(new Kind(client, "refused by the next hop", r.error()))) {
            LOG.log(Level.INFO, "session {0} from {1}: next hop {2} refused with ORA-{3}", Long.toString(session),
                    clientLabel, LogText.of(server), Integer.toString(r.error()));
        }
    }

    /** A connection closed without an answer: garbage, a bad PROXY header, too many handshakes. */
    void dropped(InetAddress client, long session, String clientLabel, Refusal.Reason reason, String detail) {
        if (first(new Kind(client, "dropped (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")", 0))) {
            LOG.log(Level.INFO, "session {0} from {1}: dropped: {2}", Long.toString(session), clientLabel,
                    LogText.of(detail));
        }
    }

    /** True if this is the first of its kind in the window (to be written whole); else it is counted. */
    private synchronized boolean first(Kind kind) {
        Repeats r = kinds.get(kind);
        if (r != null) {
            r.count++;
            return false;
        }
        if (kinds.size() >= MAX_KINDS) {
            overflow++;
            return false;
        }
        kinds.put(kind, new Repeats());
        return true;
    }

    /** Writes one line per kind that repeated since the last flush, and one for what was not told apart. */
    void flush() {
        StringBuilder lines = new StringBuilder();
        long others;
        synchronized (this) {
            for (Iterator<Map.Entry<Kind, Repeats>> i = kinds.entrySet().iterator(); i.hasNext(); ) {
                Map.Entry<Kind, Repeats> e = i.next();
                if (e.getValue().count == 0) {
                    i.remove(); // quiet for a window: the next one is written whole again
                    continue;
                }
                Kind k = e.getKey();
                lines.append("… and ").append(e.getValue().count).append(" more like it from ")
                        .append(k.client().getHostAddress()).append(" in the last ").append(WINDOW.toSeconds())
                        .append(" s (").append(k.ending()).append(k.error() == 0 ? "" : " with ORA-" + k.error())
                        .append(")\n");
                e.getValue().count = 0;
            }
            others = overflow;
            overflow = 0;
        }
        lines.toString().lines().forEach(line -> LOG.log(Level.INFO, line));
        if (others > 0) {
            LOG.log(Level.INFO, "… and {0} more refusals and drops in the last {1} s from addresses not told apart:"
                    + " more than {2} kinds at once", Long.toString(others), Long.toString(WINDOW.toSeconds()),
                    Integer.toString(MAX_KINDS));
        }
    }

    /** Kinds remembered now (for tests of the bound). */
    synchronized int kinds() {
        return kinds.size();
    }
}
