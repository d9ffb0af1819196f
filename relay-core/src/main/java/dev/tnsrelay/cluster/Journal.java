package dev.tnsrelay.cluster;

import dev.tnsrelay.admin.ClusterEvent;
import dev.tnsrelay.gateway.Event;
import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.grid.GridMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The newest events and audit records of each node, for every node to read: each node puts its own newest
 * {@link #KEEP} of each in the grid when they change (checked every second), and they stay readable for a day
 * after the node is gone. Bounded by construction: a few hundred lines per node, whatever the rate of events.
 */
final class Journal {

    static final String MAP = "tnsrelay.journal";
    static final int KEEP = 200;
    static final Duration TTL = Duration.ofDays(1);
    /** How much of the audit log's end is read for its newest records. */
    private static final int TAIL_BYTES = 64 * 1024;

    private final GridMap map;
    private final String self;
    private final EventLog events;
    private final Path auditFile;
    private long lastEvent = -1;
    private String lastAudit = "";

    Journal(GridMap map, String self, EventLog events, Path auditFile) {
        this.map = map;
        this.self = self;
        this.events = events;
        this.auditFile = auditFile;
    }

    /** Puts this node's newest events and audit records in the grid when they changed. */
    synchronized void publish() throws IOException {
        List<Event> newest = events.since(0, KEEP);
        long last = newest.isEmpty() ? 0 : newest.get(newest.size() - 1).sequence();
        if (last != lastEvent) {
            GridText t = new GridText();
            newest.forEach(e -> t.add("e", e.time(), e.kind(), e.text()));
            map.put(self + "|events", t.toString(), TTL);
            lastEvent = last;
        }
        if (Files.isRegularFile(auditFile)) {
            String stamp = Files.size(auditFile) + "@" + Files.getLastModifiedTime(auditFile).toMillis();
            if (!stamp.equals(lastAudit)) {
                GridText t = new GridText();
                for (String line : tail()) {
                    int space = line.indexOf(' ');
                    if (space > 0) {
                        t.add("e", line.substring(0, space), "audit", line.substring(space + 1));
                    }
                }
                map.put(self + "|audit", t.toString(), TTL);
                lastAudit = stamp;
            }
        }
    }

    /** The newest lines of the audit log, at most {@link #KEEP}. */
    private List<String> tail() throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(auditFile)) {
            long from = Math.max(0, in.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (in.size() - from));
            in.position(from);
            while (buffer.hasRemaining() && in.read(buffer) > 0) {
                // read to the end
            }
            List<String> lines = new ArrayList<>(List.of(new String(buffer.array(), 0, buffer.position(),
                    StandardCharsets.UTF_8).split("\n")));
            if (from > 0 && !lines.isEmpty()) {
                lines.remove(0); // cut in the middle
            }
            lines.removeIf(String::isBlank);
            return lines.size() <= KEEP ? lines : lines.subList(lines.size() - KEEP, lines.size());
        }
    }

    /** Every node's newest events, merged by time, at most {@code limit} of the newest. */
    List<ClusterEvent> events(int limit) {
        return read("|events", limit);
    }

    List<ClusterEvent> audit(int limit) {
        return read("|audit", limit);
    }

    private List<ClusterEvent> read(String suffix, int limit) {
        List<ClusterEvent> all = new ArrayList<>();
        for (Map.Entry<String, String> e : map.entries().entrySet()) {
            if (!e.getKey().endsWith(suffix)) {
                continue;
            }
            String node = e.getKey().substring(0, e.getKey().length() - suffix.length());
            for (List<String> f : GridText.parse(e.getValue()).all("e")) {
                try {
                    all.add(new ClusterEvent(node, Instant.parse(f.get(0)), f.get(1), f.get(2)));
                } catch (DateTimeParseException | IndexOutOfBoundsException malformed) {
                    // a line that is not a record: left out
                }
            }
        }
        all.sort(Comparator.comparing(ClusterEvent::time).thenComparing(ClusterEvent::node));
        return all.size() <= limit ? all : List.copyOf(all.subList(all.size() - limit, all.size()));
    }
}
