package dev.tnsrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The packets real clients sent, from shared/vectors/tns: one {@code .hex} file a packet. */
public final class Vectors {

    private Vectors() {
    }

    public static Path root() {
        return Shared.root().resolve("vectors").resolve("tns");
    }

    public static List<Path> cases() {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packet files of a case, in capture order. */
    public static List<Path> packets(Path caseDir) {
        try (Stream<Path> s = Files.list(caseDir)) {
            return s.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exact bytes of one packet: the hex lines without the '#' comments. */
    public static byte[] bytes(Path hexFile) {
        try {
            String hex = Files.readAllLines(hexFile).stream().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining()).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comment lines of a packet file (direction, header decode, overflow text). */
    public static List<String> comments(Path hexFile) {
        try {
            return Files.readAllLines(hexFile).stream().filter(l -> l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
