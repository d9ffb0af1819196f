package dev.tnsrelay.rules;

import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * tnsrelay's SRC_DN rule key: which client certificates a rule covers, by subject DN. {@code *} covers a client
 * that presented a certificate, a DN covers the certificates of that subject (compared as X.500 names: case,
 * spaces and quoting aside), and a rule without SRC_DN covers every client, with a certificate or not.
 */
public final class DnPattern {

    /** No SRC_DN: every client. */
    public static final DnPattern ANY = new DnPattern("", Optional.empty());

    private final String text;
    private final Optional<X500Principal> subject;

    private DnPattern(String text, Optional<X500Principal> subject) {
        this.text = text;
        this.subject = subject;
    }

    /**
     * {@code *} or a DN in RFC 4514 form ({@code CN=alice, O=Example, C=US}).
     *
     * @throws IllegalArgumentException when the text is not a DN, saying why
     */
    public static DnPattern parse(String text) {
        String t = text.strip();
        if (t.equals("*")) {
            return new DnPattern(t, Optional.empty());
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("expected * or a certificate's subject DN such as \"CN=alice, O=Example\"");
        }
        try {
            return new DnPattern(t, Optional.of(new X500Principal(t)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + t + "' is not a DN (" + e.getMessage()
                    + "); expected * or a subject DN such as \"CN=alice, O=Example\"");
        }
    }

    /** True for a rule without SRC_DN. */
    public boolean any() {
        return text.isEmpty();
    }

    /**
     * Whether a client is covered.
     *
     * @param peer the client certificate's subject, or null when it presented none (plain TCP, or no client
     *     authentication)
     */
    public boolean covers(X500Principal peer) {
        if (text.isEmpty()) {
            return true;
        }
        if (peer == null) {
            return false;
        }
        return subject.isEmpty() || subject.get().equals(peer);
    }

    /** As cman.ora writes it, quoted: {@code "CN=alice, O=Example"}; empty for {@link #ANY}. */
    public String text() {
        return text.equals("*") ? "*" : "\"" + text.replace("\"", "\\\"") + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnPattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
