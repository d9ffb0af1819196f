package dev.tnsrelay.net;

/** The character classes of the name–value syntax. */
final class NvSyntax {

    private NvSyntax() {
    }

    /**
     * Letters, digits and {@code _ . - $}: enough for every keyword, net service name and cman instance
     * name seen in real files ({@code alias3.dunbar-it.co.uk}, {@code CMAN_host-cman.example.info}).
     */
    static boolean isNameChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '_' || c == '.' || c == '-' || c == '$';
    }

    static boolean isQuote(int c) {
        return c == '"' || c == '\'';
    }
}
