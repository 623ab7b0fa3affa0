package dev.roster.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.PasswordPolicy;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any string: each value object either accepts it or refuses it with a field and a reason, never anything else. */
class ValueObjectPropertiesTest {
    @Property(tries = 1000)
    void anyEmailNameOrPasswordIsAcceptedOrRefusedWithAReason(@ForAll String raw) {
        PasswordPolicy policy = new PasswordPolicy(15);
        for (Runnable check : List.<Runnable>of(() -> new EmailAddress(raw), () -> new PersonName(raw),
                () -> policy.check(raw, new EmailAddress("someone@example.com")))) {
            try {
                check.run();
            } catch (InvalidValueException e) {
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.errors()).isNotEmpty();
            }
        }
    }

    @Property(tries = 300)
    void acceptedNamesNeverCarryLineBreaks(@ForAll String raw) {
        try {
            String name = new PersonName(raw).value();
            assertThat(name).doesNotContain("\r", "\n");
        } catch (InvalidValueException refused) {
            assertThat(refused.errors()).isNotEmpty();
        }
    }
}
