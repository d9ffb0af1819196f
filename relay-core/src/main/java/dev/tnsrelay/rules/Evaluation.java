package dev.tnsrelay.rules;

import java.util.Set;

/** What a rule list says of a connect: the first rule that covers it, none, or the names it needs to say. */
public sealed interface Evaluation {

    /** The first rule that covers the connect. */
    record Matched(Rule rule) implements Evaluation {
    }

    /** No rule covers it: rejected. */
    record NoMatch() implements Evaluation {
    }

    /** The rules cannot decide before these host names are looked up. */
    record NeedsNames(Set<String> names) implements Evaluation {
    }
}
