package dev.tnsrelay.tls;

import dev.tnsrelay.config.TlsParameter;
import dev.tnsrelay.config.TlsProfile;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The TLS contexts of an engine, built from the cman.ora TLS settings and the wallet they name: one for TCPS
 * endpoints (the wallet's key and chain; client certificates required when SSL_CLIENT_AUTHENTICATION says so),
 * one for TCPS next hops (trusting the wallet's certificates and SSL_TRUSTED_CERTIFICATES, or the JDK's CAs when
 * neither is given; presenting the wallet's key when it has one). Immutable: RELOAD builds new ones for new
 * sessions, and sessions keep the TLS engine they started with.
 *
 * <p>The provider is OpenSSL (BoringSSL, through Netty's tcnative) where its native library loads, else the
 * JDK's; {@code -Dio.netty.handler.ssl.noOpenSsl=true} forces the JDK's.
 */
public final class TlsContexts {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.tls");
    /** How far ahead an expiring certificate is warned of. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final TlsProfile profile;
    private final String provider;
    private final Optional<SslContext> server;
    private final SslContext client;
    private final List<CertificateInfo> certificates;

    private TlsContexts(TlsProfile profile, String provider, Optional<SslContext> server, SslContext client,
            List<CertificateInfo> certificates) {
        this.profile = profile;
        this.provider = provider;
        this.server = server;
        this.client = client;
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Reads the wallet (when the settings name one) and builds the contexts.
     *
     * @param needsServer a TCPS endpoint will use the server context: the wallet must hold a key
     * @throws WalletException when the wallet or a trusted file cannot be used, saying which and why; the message
     *     starts with where cman.ora names it
     */
    public static TlsContexts build(TlsProfile profile, boolean needsServer, Map<String, String> environment)
            throws WalletException {
        Optional<Wallet> wallet = Optional.empty();
        if (profile.wallet().isPresent()) {
            try {
                wallet = Optional.of(Wallet.load(profile.wallet().get(), environment));
            } catch (WalletException e) {
                throw new WalletException(where(profile, TlsParameter.WALLET_LOCATION) + e.getMessage(), e);
            }
        }
        List<X509Certificate> trusted = new ArrayList<>(wallet.map(Wallet::trusted).orElse(List.of()));
        if (profile.trustedCertificates().isPresent()) {
            trusted.addAll(trustedFile(profile));
        }
        SslProvider provider = sslProvider();
        List<CertificateInfo> infos = new ArrayList<>();
        wallet.ifPresent(w -> w.chain().stream().limit(1).forEach(c -> infos.add(CertificateInfo.of("gateway", c))));
        Set<X509Certificate> listed = new LinkedHashSet<>(wallet.map(w -> w.chain().stream().limit(1).toList())
                .orElse(List.of()));
        for (X509Certificate c : trusted) {
            if (listed.add(c)) {
                infos.add(CertificateInfo.of("trusted", c));
            }
        }
        try {
            Optional<SslContext> server = Optional.empty();
            if (needsServer) {
                Wallet w = wallet.orElseThrow(() -> new WalletException(
                        "a TCPS address needs WALLET_LOCATION at the top of cman.ora"));
                if (w.key().isEmpty()) {
                    throw new WalletException(where(profile, TlsParameter.WALLET_LOCATION) + w.file()
                            + " holds no private key: a TCPS endpoint presents the wallet's certificate with its key");
                }
                SslContextBuilder b = SslContextBuilder.forServer(w.key().get(), w.chain())
                        .sslProvider(provider).protocols(profile.protocols())
                        .ciphers(profile.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
                        .clientAuth(profile.clientAuthentication() ? ClientAuth.REQUIRE : ClientAuth.NONE);
                if (profile.clientAuthentication()) {
                    b.trustManager(trusted);
                }
                server = Optional.of(b.build());
            }
            SslContextBuilder c = SslContextBuilder.forClient().sslProvider(provider).protocols(profile.protocols())
                    .ciphers(profile.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
                    .endpointIdentificationAlgorithm(null); // DnMatch does Oracle's matching after the handshake
            if (!trusted.isEmpty()) {
                c.trustManager(trusted);
            }
            if (wallet.isPresent() && wallet.get().key().isPresent()) {
                c.keyManager(wallet.get().key().get(), wallet.get().chain());
            }
            return new TlsContexts(profile, provider == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString()
                    + ")" : "JDK (" + System.getProperty("java.vendor") + " " + Runtime.version() + ")", server,
                    c.build(), infos);
        } catch (SSLException e) {
            throw new WalletException(where(profile, TlsParameter.WALLET_LOCATION) + "the TLS context cannot be"
                    + " built: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> trustedFile(TlsProfile profile) throws WalletException {
        Path file = profile.trustedCertificates().get();
        try {
            return PemFile.read(file, Files.readString(file, StandardCharsets.ISO_8859_1), () -> {
                throw new WalletException(file + " holds a private key: SSL_TRUSTED_CERTIFICATES is for CA"
                        + " certificates only");
            }).certificates;
        } catch (IOException e) {
            throw new WalletException(where(profile, TlsParameter.SSL_TRUSTED_CERTIFICATES) + file
                    + " cannot be read: " + e.getMessage(), e);
        } catch (WalletException e) {
            throw new WalletException(where(profile, TlsParameter.SSL_TRUSTED_CERTIFICATES) + e.getMessage(), e);
        }
    }

    private static String where(TlsProfile profile, TlsParameter p) {
        return profile.position(p).map(at -> at + ": " + p.name() + ": ").orElse("");
    }

    private static volatile Boolean announced;

    /** OpenSSL where it loads, else the JDK's; the reason for the fallback is logged once per JVM. */
    private static SslProvider sslProvider() {
        boolean openSsl = OpenSsl.isAvailable();
        if (announced == null) {
            announced = openSsl;
            if (openSsl) {
                LOG.log(Level.INFO, "TLS: OpenSSL provider ({0})", OpenSsl.versionString());
            } else {
                LOG.log(Level.INFO, "TLS: OpenSSL not available ({0}): using the JDK''s provider",
                        String.valueOf(OpenSsl.unavailabilityCause()));
            }
        }
        return openSsl ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    public TlsProfile profile() {
        return profile;
    }

    /** {@code OpenSSL (BoringSSL)} or {@code JDK (…)}: shown in show status. */
    public String provider() {
        return provider;
    }

    /** The context of TCPS endpoints; empty when the instance has none. */
    public Optional<SslContext> server() {
        return server;
    }

    /** The context for TCPS next hops. */
    public SslContext client() {
        return client;
    }

    /** The wallet's certificate and the certificates trusted. */
    public List<CertificateInfo> certificates() {
        return certificates;
    }

    /** The certificates that expire within {@link #EXPIRY_WARNING} of now (or have expired). */
    public List<CertificateInfo> expiringSoon(Clock clock) {
        Instant limit = clock.instant().plus(EXPIRY_WARNING);
        return certificates.stream().filter(c -> c.notAfter().isBefore(limit)).toList();
    }
}
