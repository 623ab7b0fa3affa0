package dev.roster.application.port.in;

import java.util.function.Supplier;

/**
 * What a driving adapter made of a request's input: the typed command, or the refusal of that input
 * (a field error, an unreadable body, a missing precondition). The use case takes it unopened, resolves
 * and authorizes the caller in its own transaction, and only then calls {@link #get}: the permission
 * answer comes before any judgement of the input (ADR 0027) without the adapter asking a query use case
 * first.
 */
public final class Input<C> {
    private Supplier<? extends C> parse;
    private C command;
    private RuntimeException refusal;

    private Input(C command, RuntimeException refusal) {
        this.command = command;
        this.refusal = refusal;
    }

    /** Runs {@code parse} now and keeps its command or what it threw. */
    public static <C> Input<C> of(Supplier<? extends C> parse) {
        try {
            return new Input<>(parse.get(), null);
        } catch (RuntimeException e) {
            return new Input<>(null, e);
        }
    }

    /**
     * Runs {@code parse} on the first {@link #get} (inside the use case, after the caller is resolved)
     * and keeps its outcome for every later one (a use case run again after a lost race sees the same input).
     */
    public static <C> Input<C> later(Supplier<? extends C> parse) {
        Input<C> in = new Input<>(null, null);
        in.parse = parse;
        return in;
    }

    /** The command; throws the refusal when the input had none. */
    public C get() {
        if (parse != null) {
            Supplier<? extends C> p = parse;
            parse = null;
            try {
                command = p.get();
            } catch (RuntimeException e) {
                refusal = e;
            }
        }
        if (refusal != null) {
            throw refusal;
        }
        return command;
    }
}
