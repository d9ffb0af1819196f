package dev.tnsrelay.config;

import dev.tnsrelay.net.TextPosition;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS settings of a cman.ora ({@link TlsParameter}), read and checked; where each was written, for messages
 * about what it names (a wallet that does not open says which line named it). Immutable.
 */
public final class TlsProfile {

    /** No TLS setting at all: every default. */
    public static final TlsProfile DEFAULTS = new TlsProfile(new EnumMap<>(TlsParameter.class), Map.of());

    private final Map<TlsParameter, Object> values;
    private final Map<TlsParameter, TextPosition> written;

    private TlsProfile(Map<TlsParameter, Object> values, Map<TlsParameter, TextPosition> written) {
        this.values = Collections.unmodifiableMap(values);
        this.written = Map.copyOf(written);
    }

    /**
     * A copy with one setting read from its text.
     *
     * @throws NotOfferedException when tnsrelay does not honour the value, with the reason
     * @throws IllegalArgumentException when the text is not a value of the setting
     */
    public TlsProfile with(TlsParameter p, String text, TextPosition at) {
        Map<TlsParameter, Object> v = new EnumMap<>(TlsParameter.class);
        v.putAll(values);
        v.put(p, p.readOffered(text));
        Map<TlsParameter, TextPosition> w = new java.util.HashMap<>(written);
        w.put(p, at);
        return new TlsProfile(v, w);
    }

    private Object value(TlsParameter p) {
        return values.containsKey(p) ? values.get(p) : p.defaultValue();
    }

    /** Where a setting was written; empty when it has its default. */
    public Optional<TextPosition> position(TlsParameter p) {
        return Optional.ofNullable(written.get(p));
    }

    /** The text of a setting as cman.ora writes it. */
    public String text(TlsParameter p) {
        return p.write(value(p));
    }

    public Optional<Path> wallet() {
        String dir = (String) value(TlsParameter.WALLET_LOCATION);
        return dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    /** The protocol names the TLS libraries know: {@code TLSv1.2}, {@code TLSv1.3}. */
    @SuppressWarnings("unchecked")
    public List<String> protocols() {
        return ((List<String>) value(TlsParameter.SSL_VERSION)).stream().map(v -> "TLSv" + v).toList();
    }

    /** The cipher suites in order of preference: SSL_CIPHER_SUITES, else the strong defaults. */
    @SuppressWarnings("unchecked")
    public List<String> cipherSuites() {
        List<String> given = (List<String>) value(TlsParameter.SSL_CIPHER_SUITES);
        return given.isEmpty() ? CipherNames.STRONG : given;
    }

    public boolean clientAuthentication() {
        return (Boolean) value(TlsParameter.SSL_CLIENT_AUTHENTICATION);
    }

    public boolean serverDnMatch() {
        return (Boolean) value(TlsParameter.SSL_SERVER_DN_MATCH);
    }

    public Optional<Path> trustedCertificates() {
        String file = (String) value(TlsParameter.SSL_TRUSTED_CERTIFICATES);
        return file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsProfile other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "TlsProfile" + values;
    }
}
