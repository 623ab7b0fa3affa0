package dev.roster.application.fakes;

import dev.roster.application.port.out.SecretBox;

/** Marks sealed secrets so that a test can tell them from raw ones. */
public final class FakeSecretBox implements SecretBox {
    @Override
    public String seal(String secret) {
        return "sealed:" + new StringBuilder(secret).reverse();
    }

    @Override
    public String open(String sealed) {
        if (!sealed.startsWith("sealed:")) {
            throw new IllegalArgumentException("not sealed");
        }
        return new StringBuilder(sealed.substring(7)).reverse().toString();
    }
}
