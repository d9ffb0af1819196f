package dev.tnsrelay.gateway;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The session listeners of an engine, told in the order they were added; one listener's defect is logged, not spread. */
final class Listeners {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.gateway");

    private final List<SessionListener> all = new CopyOnWriteArrayList<>();

    void add(SessionListener l) {
        all.add(l);
    }

    void tell(Consumer<SessionListener> event) {
        for (SessionListener l : all) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "session listener " + l.getClass().getName() + " failed", e);
            }
        }
    }
}
