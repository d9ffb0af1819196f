package dev.tnsrelay.naming;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.net.NetParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fuzz target for sqlnet.ora and ldap.ora: one input is read as each. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProfileFilesFuzzTest {

    @TempDir
    static Path folder;

    @FuzzTest
    @DictionaryFile(resourcePath = "/dev/tnsrelay/fuzz/ora.dict")
    void sqlnetAndLdapOra(byte[] input) throws IOException {
        Path file = Files.write(folder.resolve("profile.ora"), input);
        try {
            SqlnetOra.load(file);
        } catch (NetParseException e) {
            Contract.positioned(e);
        }
        try {
            LdapOra.load(file);
        } catch (NetParseException e) {
            Contract.positioned(e);
        }
    }
}
