package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminError;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line cut into words at white space, a double-quoted part being one word without its quotes
 * ({@code for program "JDBC Thin Client"}): what a client wrote in its CID may hold spaces.
 */
final class Words {

    private Words() {
    }

    /** @throws dev.tnsrelay.admin.AdminException TNS-04014 for a quote that is not closed */
    static List<String> of(String line) {
        List<String> words = new ArrayList<>();
        if (line == null) {
            return words;
        }
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                if (word == null) {
                    word = new StringBuilder();
                }
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(c);
            }
        }
        if (quoted) {
            throw AdminError.INVALID.exception("a quote is not closed: " + line.strip());
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** A word as a command line would need it written: quoted when it holds a space or is empty. */
    static String quote(String word) {
        return word.isEmpty() || word.chars().anyMatch(Character::isWhitespace) ? "\"" + word + "\"" : word;
    }
}
