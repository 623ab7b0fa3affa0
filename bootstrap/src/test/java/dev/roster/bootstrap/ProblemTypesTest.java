package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.roster.adapters.rest.problem.ProblemTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the domain, the use cases, the ports or the REST adapter can throw has its own row in
 * the REST adapter's table (status, slug, title): a new exception type cannot reach a client as a 500.
 */
class ProblemTypesTest {

    @Test
    void everyRefusalTypeHasItsOwnRow() {
        List<Class<?>> refusals = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.roster.domain", "dev.roster.application", "dev.roster.adapters.rest").stream()
                .filter(c -> c.isAssignableTo(RuntimeException.class))
                .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::reflect)
                .filter(c -> c != dev.roster.adapters.rest.problem.RestProblem.class)
                .toList();
        assertThat(refusals).as("the import found the refusal types").hasSizeGreaterThan(20)
                .contains(dev.roster.domain.membership.SelfActionException.class,
                        dev.roster.application.port.in.StaleMemberException.class);
        assertThat(refusals).allSatisfy(c -> assertThat(ProblemTypes.hasOwnRow(c)).as(c.getName()).isTrue());
    }

    @Test
    void theContractsSlugsKeepTheirStatuses() {
        assertThat(ProblemTypes.of(dev.roster.domain.role.InvalidRolesException.class).orElseThrow())
                .isEqualTo(new ProblemTypes.ProblemType(422, "invalid-roles", "Invalid roles"));
        assertThat(ProblemTypes.of(dev.roster.domain.common.InvalidValueException.class).orElseThrow().status()).isEqualTo(400);
        assertThat(ProblemTypes.of(dev.roster.application.port.in.StaleMemberException.class).orElseThrow().slug())
                .isEqualTo("precondition-failed");
        assertThat(ProblemTypes.of(IllegalStateException.class)).as("a bug is no refusal").isEmpty();
    }
}
