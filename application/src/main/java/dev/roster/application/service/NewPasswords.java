package dev.roster.application.service;

import dev.roster.application.port.out.PasswordStrength;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every password someone chooses goes through here (sign-up, joining by invitation, reset, change of
 * one's own): first the domain's {@link PasswordPolicy} (length, repeats, the service name, the email),
 * then the {@link PasswordStrength} estimate, whose feedback is the refusal's reason. The estimate
 * runs before any hash is computed and costs a few milliseconds.
 */
@ApplicationScoped
public class NewPasswords {
    private PasswordPolicy policy;
    private PasswordStrength strength;

    protected NewPasswords() {
    }

    @Inject
    public NewPasswords(PasswordPolicy policy, PasswordStrength strength) {
        this.policy = policy;
        this.strength = strength;
    }

    /** Throws a validation error on {@code field} saying why {@code rawPassword} is refused, or returns normally. */
    public void check(String field, String rawPassword, EmailAddress email, String name) {
        policy.check(field, rawPassword, email);
        strength.weakness(PasswordPolicy.normalize(rawPassword), userWords(email, name)).ifPresent(reason -> {
            throw new InvalidValueException(field, reason);
        });
    }

    /** {@link #check(String, String, EmailAddress, String)} on the field {@code password}. */
    public void check(String rawPassword, EmailAddress email, String name) {
        check("password", rawPassword, email, name);
    }

    /** The person's own words: the email, its local part and domain labels, the parts of the name, the service name. */
    static List<String> userWords(EmailAddress email, String name) {
        List<String> words = new ArrayList<>();
        words.add(PasswordPolicy.SERVICE_NAME);
        words.add(email.value());
        words.add(email.localPart());
        for (String part : email.value().substring(email.value().indexOf('@') + 1).split("\\.")) {
            words.add(part);
        }
        for (String part : email.localPart().split("[^\\p{L}\\p{N}]+")) {
            words.add(part);
        }
        if (name != null) {
            words.add(name);
            for (String part : name.split("[^\\p{L}\\p{N}]+")) {
                words.add(part);
            }
        }
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> w.length() >= 3).distinct().toList();
    }
}
