package dev.tnsrelay.testing;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the tests make for themselves: a CA, and keys with certificates it signs — a server's for
 * {@code localhost} (CN and SAN localhost, 127.0.0.1), a client's with a DN of its choosing — written as the
 * wallets and stores each client reads: ewallet.p12 with its owner-only password file, ewallet.pem (node-oracledb),
 * PKCS#12 trust and key stores (ojdbc), and SSLContexts for the test's own TLS peers.
 */
public final class TestCertificates {

    public static final String PASSWORD = "Wallet#Pass1";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** One key and the certificate the CA signed for it. */
    public record Identity(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
        public List<X509Certificate> chain() {
            return List.of(certificate, ca);
        }

        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    public final String name;
    private final KeyPair caKeys;
    public final X509Certificate ca;

    private TestCertificates(String name) throws Exception {
        this.name = name;
        caKeys = keys();
        ca = sign(new X500Principal("CN=" + name + " test CA, O=tnsrelay tests"), caKeys, caKeys,
                new X500Principal("CN=" + name + " test CA, O=tnsrelay tests"), Duration.ofDays(3650), true, false);
    }

    /** A new CA. */
    public static TestCertificates authority(String name) throws Exception {
        return new TestCertificates(name);
    }

    /** A server's: CN=localhost, SAN DNS:localhost and IP:127.0.0.1, valid for {@code days}. */
    public Identity server(String cn, long days) throws Exception {
        KeyPair k = keys();
        return new Identity(k.getPrivate(), sign(new X500Principal("CN=" + cn + ", O=tnsrelay tests"), k, caKeys,
                ca.getSubjectX500Principal(), Duration.ofDays(days), false, true), ca);
    }

    /** A server's for another host: CN and SAN {@code dnsName} only. */
    public Identity serverFor(String dnsName) throws Exception {
        KeyPair k = keys();
        return new Identity(k.getPrivate(), sign(new X500Principal("CN=" + dnsName + ", O=tnsrelay tests"), k, caKeys,
                ca.getSubjectX500Principal(), Duration.ofDays(365), false, false), ca);
    }

    public Identity server() throws Exception {
        return server("localhost", 365);
    }

    /** A client's, of this subject DN. */
    public Identity client(String dn) throws Exception {
        KeyPair k = keys();
        return new Identity(k.getPrivate(), sign(new X500Principal(dn), k, caKeys, ca.getSubjectX500Principal(),
                Duration.ofDays(365), false, false), ca);
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Principal subject, KeyPair subjectKeys, KeyPair issuerKeys,
            X500Principal issuer, Duration validity, boolean isCa, boolean localhost) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)), subject, subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        }
        if (localhost) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    // ---- wallets and stores

    /** ewallet.p12 (the identity, and the CA trusted) with wallet.password (owner-only) in {@code dir}. */
    public Path p12Wallet(Path dir, Identity id) throws Exception {
        Files.createDirectories(dir);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("gateway", id.key(), PASSWORD.toCharArray(), id.chain().toArray(new X509Certificate[0]));
        ks.setCertificateEntry("ca", ca);
        try (OutputStream out = Files.newOutputStream(dir.resolve("ewallet.p12"))) {
            ks.store(out, PASSWORD.toCharArray());
        }
        Path pwd = dir.resolve("wallet.password");
        Files.writeString(pwd, PASSWORD + "\n");
        Files.setPosixFilePermissions(pwd, PosixFilePermissions.fromString("rw-------"));
        return dir;
    }

    /**
     * ewallet.pem as node-oracledb reads it: the certificate, the CA, and the key (encrypted with {@link #PASSWORD}
     * when {@code encrypted}).
     */
    public Path pemWallet(Path dir, Identity id, boolean encrypted) throws Exception {
        Files.createDirectories(dir);
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            if (encrypted) {
                pem.writeObject(new JcaPKCS8Generator(id.key(), new JceOpenSSLPKCS8EncryptorBuilder(
                        JcaPKCS8Generator.AES_256_CBC).setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                        .setPassword(PASSWORD.toCharArray()).build()));
            } else {
                pem.writeObject(new JcaPKCS8Generator(id.key(), null));
            }
            pem.writeObject(id.certificate());
            pem.writeObject(ca);
        }
        Files.writeString(dir.resolve("ewallet.pem"), text.toString(), StandardCharsets.US_ASCII);
        return dir;
    }

    /** The CA alone, PEM: a trust file. */
    public Path caPem(Path file) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(ca);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    /** A PKCS#12 trust store with this CA, password {@link #PASSWORD}. */
    public Path trustStore(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** A PKCS#12 key store with one identity, password {@link #PASSWORD}. */
    public static Path keyStore(Path file, Identity id) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("me", id.key(), PASSWORD.toCharArray(), id.chain().toArray(new X509Certificate[0]));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** A JDK SSLContext presenting {@code id} (or nothing) and trusting this CA (or {@code trusting}). */
    public SSLContext context(Identity id, X509Certificate... trusting) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (id != null) {
            keys.setKeyEntry("me", id.key(), PASSWORD.toCharArray(), id.chain().toArray(new X509Certificate[0]));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        X509Certificate[] cas = trusting.length == 0 ? new X509Certificate[] {ca} : trusting;
        for (int i = 0; i < cas.length; i++) {
            trust.setCertificateEntry("ca" + i, cas[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
