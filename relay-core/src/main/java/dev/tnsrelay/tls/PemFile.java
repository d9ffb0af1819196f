package dev.tnsrelay.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PEM wallet as node-oracledb reads it ({@code ewallet.pem}): certificates and at most one private key, in
 * PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, as Oracle's wallet downloads write
 * it) or PKCS#1 RSA ({@code RSA PRIVATE KEY}). Read by hand because the JDK reads the DER inside but not the PEM
 * around it, and Netty's reader is internal to it; about sixty lines of Base64 and one DER wrapper.
 */
final class PemFile {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** DER of {@code AlgorithmIdentifier(rsaEncryption, NULL)}, to wrap a PKCS#1 RSA key as PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    final List<X509Certificate> certificates;
    final Optional<PrivateKey> key;

    private PemFile(List<X509Certificate> certificates, Optional<PrivateKey> key) {
        this.certificates = certificates;
        this.key = key;
    }

    /**
     * @param password for an encrypted key; asked for only when there is one
     */
    static PemFile read(Path file, String text, PasswordSource password) throws WalletException {
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key = null;
        Matcher m = BLOCK.matcher(text);
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                String kind = m.group(1);
                switch (kind) {
                    case "CERTIFICATE" -> certificates.add(
                            (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der)));
                    case "PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> {
                        if (key != null) {
                            throw new WalletException(file + " holds more than one private key: keep the one of"
                                    + " the gateway's certificate");
                        }
                        key = switch (kind) {
                            case "PRIVATE KEY" -> pkcs8(der);
                            case "RSA PRIVATE KEY" -> pkcs8(rsaAsPkcs8(der));
                            default -> decrypt(file, der, password.get());
                        };
                    }
                    case "EC PRIVATE KEY" -> throw new WalletException(file + " holds an EC key in SEC1 form, which"
                            + " tnsrelay does not read: convert it to PKCS#8 with openssl pkcs8 -topk8");
                    default -> {
                        // parameters and other blocks are not part of a wallet's identity or trust
                    }
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WalletException(file + " does not read: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new WalletException(file + " holds no certificate (-----BEGIN CERTIFICATE-----)");
        }
        return new PemFile(List.copyOf(certificates), Optional.ofNullable(key));
    }

    /** The password of an encrypted key, asked for when one is found. */
    interface PasswordSource {
        char[] get() throws WalletException;
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static PrivateKey decrypt(Path file, byte[] der, char[] password) throws WalletException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters parameters = info.getAlgParameters();
            // PBES2 names its real algorithm in its parameters (PBEWithHmacSHA256AndAES_256)
            String algorithm = parameters == null ? info.getAlgName() : parameters.toString();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(password)), parameters);
            return pkcs8(info.getKeySpec(cipher).getEncoded());
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new WalletException(file + ": the encrypted private key does not open (" + e.getMessage()
                    + "): is the wallet password right?", e);
        }
    }

    /** {@code SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING pkcs1 }}. */
    private static byte[] rsaAsPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
    }
}
