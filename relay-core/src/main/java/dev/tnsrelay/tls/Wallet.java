package dev.tnsrelay.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a wallet folder holds, as Java reads it without Oracle's libraries: the gateway's key and certificate chain
 * (its identity on TCPS endpoints, and towards a next hop that asks for one) and the certificates it trusts
 * (clients' and next hops' CAs). {@value #P12} is read first, with its password ({@link WalletPassword}); else
 * {@value #PEM}, as node-oracledb reads it. Every certificate of the wallet is trusted, as node-oracledb trusts its
 * whole PEM file. An auto-login {@value #SSO} alone cannot be read and says what to provide instead.
 */
public final class Wallet {

    public static final String P12 = "ewallet.p12";
    public static final String PEM = "ewallet.pem";
    public static final String SSO = "cwallet.sso";

    private final Path file;
    private final Optional<PrivateKey> key;
    private final List<X509Certificate> chain;
    private final List<X509Certificate> trusted;

    private Wallet(Path file, Optional<PrivateKey> key, List<X509Certificate> chain, List<X509Certificate> trusted) {
        this.file = file;
        this.key = key;
        this.chain = List.copyOf(chain);
        this.trusted = List.copyOf(trusted);
    }

    /** Reads the wallet in {@code folder}; the password, where one is needed, as {@link WalletPassword} says. */
    public static Wallet load(Path folder, Map<String, String> environment) throws WalletException {
        if (!Files.isDirectory(folder)) {
            throw new WalletException("the wallet folder " + folder + " does not exist (or is not a folder)");
        }
        Path p12 = folder.resolve(P12);
        Path pem = folder.resolve(PEM);
        if (Files.isRegularFile(p12)) {
            char[] password = WalletPassword.of(folder, environment).orElseThrow(() -> new WalletException(p12
                    + " needs its password: " + WalletPassword.howTo(folder)));
            return pkcs12(p12, password);
        }
        if (Files.isRegularFile(pem)) {
            try {
                PemFile read = PemFile.read(pem, Files.readString(pem, StandardCharsets.ISO_8859_1),
                        () -> WalletPassword.of(folder, environment).orElseThrow(() -> new WalletException(pem
                                + " holds an encrypted private key, which needs the wallet password: "
                                + WalletPassword.howTo(folder))));
                return of(pem, read.key, read.certificates, read.certificates);
            } catch (IOException e) {
                throw new WalletException(pem + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (Files.exists(folder.resolve(SSO))) {
            throw new WalletException(folder + " holds only " + SSO + ", Oracle's auto-login wallet, which only"
                    + " Oracle's own libraries can read: put beside it the " + P12 + " orapki made with it (orapki"
                    + " wallet create -auto_login writes both) and its password (" + WalletPassword.howTo(folder)
                    + "), or an " + PEM + " with the certificate and its key (openssl pkcs12 -in " + P12
                    + " -out " + PEM + ")");
        }
        throw new WalletException(folder + " holds no wallet: tnsrelay reads " + P12 + " (PKCS#12) or " + PEM);
    }

    private static Wallet pkcs12(Path p12, char[] password) throws WalletException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            PrivateKey key = null;
            List<X509Certificate> chain = List.of();
            Set<X509Certificate> trusted = new LinkedHashSet<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && key == null) {
                    key = (PrivateKey) store.getKey(alias, password);
                    chain = x509(store.getCertificateChain(alias));
                    trusted.addAll(chain);
                } else if (store.isCertificateEntry(alias)) {
                    trusted.add((X509Certificate) store.getCertificate(alias));
                }
            }
            if (trusted.isEmpty()) {
                throw new WalletException(p12 + " holds no certificate");
            }
            return new Wallet(p12, Optional.ofNullable(key), chain, List.copyOf(trusted));
        } catch (IOException e) {
            throw new WalletException(p12 + " does not open: " + (e.getCause() instanceof
                    java.security.UnrecoverableKeyException ? "the password is wrong" : e.getMessage()), e);
        } catch (GeneralSecurityException e) {
            throw new WalletException(p12 + " does not read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> x509(Certificate[] certificates) {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    /** A PEM wallet: the key's certificate, then its issuers found in the file; everything trusted. */
    private static Wallet of(Path file, Optional<PrivateKey> key, List<X509Certificate> certificates,
            List<X509Certificate> trusted) throws WalletException {
        if (key.isEmpty()) {
            return new Wallet(file, key, List.of(), trusted);
        }
        X509Certificate leaf = null;
        for (X509Certificate c : certificates) {
            if (belongsTo(key.get(), c)) {
                leaf = c;
                break;
            }
        }
        if (leaf == null) {
            throw new WalletException(file + ": no certificate in it goes with its private key");
        }
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        for (X509Certificate at = leaf; !at.getIssuerX500Principal().equals(at.getSubjectX500Principal());) {
            X509Certificate child = at;
            Optional<X509Certificate> issuer = certificates.stream().filter(c -> !chain.contains(c)
                    && c.getSubjectX500Principal().equals(child.getIssuerX500Principal())).findFirst();
            if (issuer.isEmpty()) {
                break;
            }
            chain.add(issuer.get());
            at = issuer.get();
        }
        return new Wallet(file, key, chain, trusted);
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean belongsTo(PrivateKey key, X509Certificate c) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null || !c.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "tnsrelay".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] signed = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(c.getPublicKey());
            v.update(probe);
            return v.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * A JDK TLS context presenting the wallet's key and chain (the admin doors: remote JMX).
     *
     * @throws WalletException when the wallet has no key
     */
    public javax.net.ssl.SSLContext serverContext() throws WalletException {
        if (key.isEmpty()) {
            throw new WalletException(file + " holds no private key: a TLS server presents the wallet's certificate"
                    + " with its key");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] none = new char[0];
            ks.setKeyEntry("server", key.get(), none, chain.toArray(new X509Certificate[0]));
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, none);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new WalletException(file + ": no TLS context from it: " + e.getMessage(), e);
        }
    }

    /** The file read: ewallet.p12 or ewallet.pem. */
    public Path file() {
        return file;
    }

    /** The gateway's own key, when the wallet has one (a TCPS endpoint needs it). */
    public Optional<PrivateKey> key() {
        return key;
    }

    /** The key's certificate first, then its issuers; empty without a key. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Every certificate the wallet trusts (its own chain included). */
    public List<X509Certificate> trusted() {
        return trusted;
    }
}
