package dev.tnsrelay.fuzz;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvFile;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.net.NvPrinter;
import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.testing.Shared;
import dev.tnsrelay.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed inputs for a fuzzing run, read in place from the shared test material ({@code ../shared}): the packets
 * real clients sent and listeners answered (vectors/tns), and the real files and cases of corpora/. They are
 * written into the run's generated corpus, not into the kept corpus, which holds only a few small ones.
 */
final class Seeds {

    private static final Pattern PACKET = Pattern.compile("\\d+-(L\\d+)-c(\\d+)-\\d+-(c2s|s2c)-\\w+\\.hex");
    private static final Pattern CASE_INPUT = Pattern.compile("^\\| [^|]+ \\| `([^`]+)`", Pattern.MULTILINE);

    private Seeds() {
    }

    /** The seeds for a target, by name; empty when the target has none in the shared material. */
    static Map<String, byte[]> of(String target) {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        switch (target) {
            case "frame-decoder" -> {
                streams("c2s").forEach(seeds::put);
                streams("s2c").forEach(seeds::put);
            }
            case "connect" -> streams("c2s").forEach(seeds::put);
            case "next-hop" -> streams("s2c").forEach(seeds::put);
            case "handshake" -> scripts().forEach(seeds::put);
            case "descriptor" -> {
                cases().forEach((name, text) -> {
                    if (text.startsWith("(")) {
                        seeds.put(name, bytes(text));
                    }
                });
                entries("tnsnames").forEach((name, pair) -> seeds.put(name, bytes(NvPrinter.pretty(pair))));
            }
            case "easy-connect" -> cases().forEach((name, text) -> {
                if (!text.startsWith("(")) {
                    seeds.put(name, bytes(text));
                }
            });
            case "nv-file" -> {
                for (String folder : List.of("tnsnames", "cman", "sqlnet", "listener")) {
                    files(folder).forEach(seeds::put);
                }
            }
            case "cman-ora" -> files("cman").forEach(seeds::put);
            case "tnsnames" -> files("tnsnames").forEach(seeds::put);
            case "profile-ora" -> files("sqlnet").forEach(seeds::put);
            case "rule" -> rules().forEach((name, rule) -> seeds.put(name, bytes(rule)));
            case "admin-rest" -> rules().forEach((name, rule) -> seeds.put(name, bytes("a" + rule)));
            default -> {
                // cmctl: no shared material; the kept corpus seeds it
            }
        }
        return seeds;
    }

    /** Writes the seeds into {@code dir} as {@code seed-<name>}, leaving those already there; the number written. */
    static int write(Map<String, byte[]> seeds, Path dir) {
        try {
            Files.createDirectories(dir);
            int written = 0;
            for (Map.Entry<String, byte[]> s : seeds.entrySet()) {
                Path file = dir.resolve("seed-" + s.getKey().replaceAll("[^A-Za-z0-9_.-]", "_"));
                if (!Files.exists(file)) {
                    Files.write(file, s.getValue());
                    written++;
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each TCP connection of each vector case, one direction: its packets' bytes back to back. */
    private static Map<String, byte[]> streams(String direction) {
        Map<String, byte[]> streams = new TreeMap<>();
        for (Path c : Vectors.cases()) {
            Map<String, ByteArrayOutputStream> byConnection = new TreeMap<>();
            for (Path packet : Vectors.packets(c)) {
                Matcher m = PACKET.matcher(packet.getFileName().toString());
                if (m.matches() && m.group(3).equals(direction)) {
                    byConnection.computeIfAbsent(m.group(1) + "c" + m.group(2), k -> new ByteArrayOutputStream())
                            .writeBytes(Vectors.bytes(packet));
                }
            }
            byConnection.forEach((connection, bytes) ->
                    streams.put(c.getFileName() + "-" + connection + "-" + direction, bytes.toByteArray()));
        }
        return streams;
    }

    /**
     * Each vector case as a script for the handshake target (HandshakeFuzzTest): the client's packets on its
     * first connection, and every listener packet, each connection's first after a "connected" event.
     */
    static Map<String, byte[]> scripts() {
        Map<String, byte[]> scripts = new TreeMap<>();
        for (Path c : Vectors.cases()) {
            ByteArrayOutputStream script = new ByteArrayOutputStream();
            script.write(0); // options: the service registered, a TCP client, no preset refusal
            String first = null;
            java.util.Set<String> answered = new java.util.HashSet<>();
            for (Path packet : Vectors.packets(c)) {
                Matcher m = PACKET.matcher(packet.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                String connection = m.group(1) + "c" + m.group(2);
                first = first == null ? connection : first;
                byte[] bytes = Vectors.bytes(packet);
                if (m.group(3).equals("c2s") && connection.equals(first)) {
                    script.write(0); // CLIENT
                } else if (m.group(3).equals("s2c")) {
                    if (answered.add(connection)) {
                        script.write(2); // CONNECTED
                    }
                    script.write(1); // SERVER
                } else {
                    continue;
                }
                script.write(bytes.length >> 8);
                script.write(bytes.length);
                script.writeBytes(bytes);
            }
            if (script.size() > 1) {
                scripts.put(c.getFileName() + "-script", script.toByteArray());
            }
        }
        return scripts;
    }

    /** The files of a corpora folder, as they are. */
    private static Map<String, byte[]> files(String folder) {
        Map<String, byte[]> files = new TreeMap<>();
        for (Path p : Shared.files(folder)) {
            try {
                files.put(folder + "-" + p.getFileName(), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The inputs of corpora/ezconnect/cases.md: Easy Connect strings and descriptors. */
    private static Map<String, String> cases() {
        Map<String, String> cases = new TreeMap<>();
        String text = text(Shared.corpus("ezconnect").resolve("cases.md"));
        Matcher m = CASE_INPUT.matcher(text);
        for (int i = 1; m.find(); i++) {
            cases.put("case-" + i, m.group(1).replace("\\n", "\n"));
        }
        return cases;
    }

    /** The single-pair entries of a corpora folder's files. */
    private static Map<String, NvPair> entries(String folder) {
        Map<String, NvPair> entries = new TreeMap<>();
        for (Path p : Shared.files(folder)) {
            NvFile file = NvParser.parseFile(text(p), p.toString());
            for (NvFile.Entry e : file.entries()) {
                if (e.value() instanceof NvValue.Pairs pairs && pairs.pairs().size() == 1) {
                    entries.put(p.getFileName() + "-" + e.names().get(0), pairs.pairs().get(0));
                }
            }
        }
        return entries;
    }

    /** Every (RULE=…) in the cman.ora corpus, as one line. */
    private static Map<String, String> rules() {
        Map<String, String> rules = new TreeMap<>();
        for (Path p : Shared.files("cman")) {
            try {
                for (NvFile.Entry e : NvParser.parseFile(text(p), p.toString()).entries()) {
                    collectRules(p.getFileName() + "-" + e.names().get(0), e.asPair(), rules);
                }
            } catch (NetParseException e) {
                // a file too broken to hold rules
            }
        }
        return rules;
    }

    private static void collectRules(String name, NvPair pair, Map<String, String> rules) {
        if (pair.name().equals("RULE")) {
            rules.put(name + "-rule" + rules.size(), NvPrinter.canonical(pair));
        }
        pair.children().forEach(c -> collectRules(name, c, rules));
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
