package dev.tnsrelay.rules;

/** What a matching rule does with a connect request. */
public enum RuleAction {
    /** Let the connection through to the next hop. */
    ACCEPT,
    /** Answer with a REFUSE carrying ORA-12529, then close. */
    REJECT,
    /** Close without a word. */
    DROP
}
