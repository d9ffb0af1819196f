package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.SessionInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which connections a show or close is about, typed: judged at one instant (an age counts from it), and
 * written back as an administrator would write it, for the audit log. cmctl's filter words read into one
 * ({@code admin.cmctl.SessionFilter}); the model never parses text.
 */
public interface ConnectionFilter {

    /** Every connection. */
    ConnectionFilter ALL = new ConnectionFilter() {
        @Override
        public Predicate<SessionInfo> at(Instant now) {
            return s -> true;
        }

        @Override
        public String text() {
            return "";
        }
    };

    /** The engine's predicate, with ages measured at {@code now}. */
    Predicate<SessionInfo> at(Instant now);

    /** The filter as cmctl writes it ({@code for sales using 1}, {@code 17 18}); empty for all. The node is apart. */
    String text();

    /**
     * The node of the cluster whose connections these are ({@code node host:port}, {@code node *} for every node);
     * empty: this node's.
     */
    default Optional<String> node() {
        return Optional.empty();
    }
}
