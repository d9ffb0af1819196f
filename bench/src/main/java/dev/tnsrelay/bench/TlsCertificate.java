package dev.tnsrelay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one certificate every TLS target of the benchmark presents (self-signed, CN and SAN localhost, RSA 2048, made
 * by the JDK's keytool): as tnsrelay's wallet (ewallet.p12 and its password file), as HAProxy's {@code crt} PEM
 * (certificate and key), and as the clients' only trust.
 */
final class TlsCertificate {

    /** What every TLS client of the benchmark offers, and every target is set to: one protocol, one cipher. */
    static final String PROTOCOL = "TLSv1.3";
    static final String CIPHER = "TLS_AES_128_GCM_SHA256";
    private static final String PASSWORD = "bench-wallet";

    final Path wallet;
    final Path certificatePem;
    final Path haproxyPem;
    final SSLContext client;

    private TlsCertificate(Path wallet, Path certificatePem, Path haproxyPem, SSLContext client) {
        this.wallet = wallet;
        this.certificatePem = certificatePem;
        this.haproxyPem = haproxyPem;
        this.client = client;
    }

    static TlsCertificate make(Path dir) throws Exception {
        Path wallet = Files.createDirectories(dir.resolve("tls-wallet"));
        Path p12 = wallet.resolve("ewallet.p12");
        Files.deleteIfExists(p12);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-storetype", "PKCS12", "-dname", "CN=localhost, O=tnsrelay benchmark",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", p12.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool: " + out);
        }
        Path password = Files.writeString(wallet.resolve("wallet.password"), PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("gateway");
        PrivateKey key = (PrivateKey) ks.getKey("gateway", PASSWORD.toCharArray());
        String certPem = pem("CERTIFICATE", cert.getEncoded());
        Path certificatePem = Files.writeString(dir.resolve("tls-certificate.pem"), certPem);
        Path haproxyPem = Files.writeString(dir.resolve("tls-haproxy.pem"), certPem + pem("PRIVATE KEY",
                key.getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLSv1.3");
        client.init(null, tmf.getTrustManagers(), null);
        return new TlsCertificate(wallet, certificatePem, haproxyPem, client);
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    /** cman.ora's TLS lines for a tnsrelay target: this wallet, its certificate trusted, TLS 1.3 and the cipher. */
    String cmanOra() {
        return "WALLET_LOCATION = (SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=" + wallet + ")))\n"
                + "SSL_CLIENT_AUTHENTICATION = FALSE\nSSL_VERSION = 1.3\nSSL_CIPHER_SUITES = (" + CIPHER + ")\n"
                + "SSL_TRUSTED_CERTIFICATES = " + certificatePem + "\n";
    }

    /** HAProxy's {@code bind} options for the same: this certificate, TLS 1.3 only, the cipher. */
    List<String> haproxyBind() {
        return List.of("ssl", "crt", haproxyPem.toString(), "ssl-min-ver", "TLSv1.3", "ssl-max-ver", "TLSv1.3",
                "ciphersuites", CIPHER);
    }
}
