package dev.tnsrelay.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wallets as Java reads them: what each form gives, and what each unusable one says to do. */
class WalletTest {

    private static TestCertificates certs;
    private static TestCertificates.Identity gateway;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.authority("wallet-test");
        gateway = certs.server();
    }

    @Test
    void ewalletP12GivesTheKeyItsChainAndTheTrustedCaWithThePasswordFromItsFileOrTheEnvironment() throws Exception {
        Path w = certs.p12Wallet(dir.resolve("w"), gateway);
        Wallet read = Wallet.load(w, Map.of());
        assertTrue(read.key().isPresent());
        assertEquals(gateway.certificate(), read.chain().get(0));
        assertTrue(read.trusted().contains(certs.ca));
        Files.delete(w.resolve(WalletPassword.FILE));
        assertEquals(gateway.certificate(), Wallet.load(w, Map.of(WalletPassword.VARIABLE, TestCertificates.PASSWORD))
                .chain().get(0));
        String none = assertThrows(WalletException.class, () -> Wallet.load(w, Map.of())).getMessage();
        assertTrue(none.contains("needs its password") && none.contains("wallet.password")
                && none.contains("TNSRELAY_WALLET_PASSWORD"), none);
        String wrong = assertThrows(WalletException.class, () -> Wallet.load(w, Map.of(WalletPassword.VARIABLE,
                "nope"))).getMessage();
        assertTrue(wrong.contains("ewallet.p12"), wrong);
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path w = certs.p12Wallet(dir.resolve("w"), gateway);
        Files.setPosixFilePermissions(w.resolve(WalletPassword.FILE), PosixFilePermissions.fromString("rw-r--r--"));
        String m = assertThrows(WalletException.class, () -> Wallet.load(w, Map.of())).getMessage();
        assertTrue(m.contains("chmod 600"), m);
    }

    @Test
    void ewalletPemAsNodeOracledbReadsItPlainOrWithAnEncryptedKey() throws Exception {
        Wallet plain = Wallet.load(certs.pemWallet(dir.resolve("plain"), gateway, false), Map.of());
        assertEquals(gateway.certificate(), plain.chain().get(0));
        assertEquals(certs.ca, plain.chain().get(1), "the issuer found in the file follows");
        Path encrypted = certs.pemWallet(dir.resolve("encrypted"), gateway, true);
        String m = assertThrows(WalletException.class, () -> Wallet.load(encrypted, Map.of())).getMessage();
        assertTrue(m.contains("encrypted private key") && m.contains("TNSRELAY_WALLET_PASSWORD"), m);
        Wallet opened = Wallet.load(encrypted, Map.of(WalletPassword.VARIABLE, TestCertificates.PASSWORD));
        assertEquals(gateway.certificate(), opened.chain().get(0));
    }

    @Test
    void aLoneAutoLoginWalletOrNoneSaysWhatToProvide() throws Exception {
        Path sso = Files.createDirectories(dir.resolve("sso"));
        Files.write(sso.resolve("cwallet.sso"), new byte[] {(byte) 0xa1, (byte) 0xf8, 0x4e, 0x36});
        String m = assertThrows(WalletException.class, () -> Wallet.load(sso, Map.of())).getMessage();
        assertTrue(m.contains("cwallet.sso") && m.contains("only Oracle's own libraries") && m.contains("ewallet.p12")
                && m.contains("ewallet.pem"), m);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(assertThrows(WalletException.class, () -> Wallet.load(empty, Map.of())).getMessage()
                .contains("holds no wallet"));
        assertTrue(assertThrows(WalletException.class, () -> Wallet.load(dir.resolve("missing"), Map.of()))
                .getMessage().contains("does not exist"));
    }

    @Test
    void theContextsSayWhereCmanOraNamedAWalletThatDoesNotOpen() throws Exception {
        Path missing = dir.resolve("nowhere");
        var instance = CmanOra.parse("\nWALLET_LOCATION=(SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY=" + missing
                + ")))\nc = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0))(RULE_LIST=(RULE=(SRC=*)"
                + "(DST=*)(SRV=*)(ACT=accept))))", "cman.ora").instances().get(0);
        String m = assertThrows(WalletException.class, () -> TlsContexts.build(instance.tls(), true, Map.of()))
                .getMessage();
        assertTrue(m.startsWith("cman.ora:2:1: WALLET_LOCATION: ") && m.contains(missing.toString()), m);
        var built = TlsContexts.build(CmanOra.parse("WALLET_LOCATION=(SOURCE=(METHOD=FILE)(METHOD_DATA=(DIRECTORY="
                + certs.pemWallet(dir.resolve("pem"), gateway, false) + ")))\nc = (CONFIGURATION=(ADDRESS="
                + "(PROTOCOL=tcps)(HOST=127.0.0.1)(PORT=0))(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))))",
                "cman.ora").instances().get(0).tls(), true, Map.of());
        assertTrue(built.server().isPresent());
    }
}
